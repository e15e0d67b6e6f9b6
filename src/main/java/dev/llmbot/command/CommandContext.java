package dev.llmbot.command;

import dev.llmbot.chat.StageCalls;
import dev.llmbot.core.BotServices;
import dev.llmbot.split.MessageSplitter;

/**
 * What a command handler may use: the runtime services, bus calls to the stages, and the reply
 * splitter. Built once per command verticle instance.
 *
 * @param services config, registry, readiness and clock
 * @param calls request/reply to stage addresses, failures mapped to BotException
 * @param splitter splits long answers into Discord-sized chunks
 */
public record CommandContext(BotServices services, StageCalls calls, MessageSplitter splitter) {}
