package dev.llmbot.metrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops one known, harmless start-up warning: vertx-micrometer registers its {@code vertx.*} gauges
 * (e.g. {@code vertx.eventbus.handlers}) once per handler or pool, on purpose, and shares one
 * counter behind them; Micrometer 1.13+ warns on every such re-registration of a gauge. The value
 * is right, the warning is noise an operator can do nothing about. Every other message, including
 * re-registrations of our own {@code bot.*} gauges, passes. Installed from conf/logback*.xml.
 */
public final class VertxGaugeWarningFilter extends TurboFilter {
  static final String REGISTRY_LOGGER = "io.micrometer.core.instrument.MeterRegistry";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format == null
        || level == null
        || !level.isGreaterOrEqual(Level.WARN)
        || !REGISTRY_LOGGER.equals(logger.getName())
        || !format.contains("already registered")) {
      return FilterReply.NEUTRAL;
    }
    // The meter id may be in the text or in an argument, depending on how Micrometer logs it.
    StringBuilder text = new StringBuilder(format);
    if (params != null) {
      for (Object p : params) {
        text.append(' ').append(p);
      }
    }
    return text.indexOf("name='vertx.") >= 0 ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
