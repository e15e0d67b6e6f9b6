package dev.llmbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class WordTableTest {
  /** Small keys collide in the low bits on purpose, to exercise probing and backward shifts. */
  @Property(tries = 200)
  void behavesLikeAHashMapUnderRandomPutsAndRemoves(
      @ForAll @Size(max = 400) List<@LongRange(min = 1, max = 300) Long> ops) {
    WordTable table = new WordTable();
    Map<Long, ServerContext.Word> model = new HashMap<>();
    for (long op : ops) {
      long key = op * 64; // same home slot modulo 64
      if (op % 3 == 0) {
        table.remove(key);
        model.remove(key);
      } else {
        ServerContext.Word w = new ServerContext.Word(key);
        table.put(w);
        model.put(key, w);
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    for (long k = 1; k <= 300; k++) {
      assertThat(table.get(k * 64)).isSameAs(model.get(k * 64));
    }
  }
}
