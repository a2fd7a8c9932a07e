package dev.agora.chain.state;

import java.util.List;

/** A hotkey's pending weight commits on a subnet, oldest first. */
public record CommitList(List<CommitRecord> commits) {
  public CommitList {
    commits = commits == null ? List.of() : List.copyOf(commits);
  }
}
