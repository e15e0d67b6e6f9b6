package dev.llmbot.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one place allowed to write to stdout/stderr: the console adapter and Main's fatal
 * start-up line. The forbidden-apis check enforces that nothing else does.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ConsoleOutput {}
