/**
 * The typed configuration: one record per section, loaded from defaults, the config file and the
 * environment, and validated at start-up with one clear line per bad value. Pure; immutable results
 * are shared by every thread. Secrets come only from the environment.
 */
package dev.llmbot.config;
