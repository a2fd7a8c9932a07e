package dev.agora.storage;

/** Runs the storage contract against {@link InMemoryKvStore}. */
class InMemoryKvStoreTest extends AbstractKvStoreContractTest {
  @Override
  protected KvStore createStore() {
    return new InMemoryKvStore();
  }
}
