package dev.agora.storage;

/** Turns a value into bytes and back; must be a bijection on the values it accepts. */
public interface KvSerializer<T> {
  byte[] serialize(T value);

  T deserialize(byte[] bytes);
}
