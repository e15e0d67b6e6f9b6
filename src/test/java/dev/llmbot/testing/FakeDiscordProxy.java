package dev.llmbot.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback HTTP CONNECT proxy that only tunnels to the Discord hosts, and tunnels them to the
 * fake's TLS server instead of the internet. Any other host gets 403, so a test can never leak to
 * the real Discord. Runs on the fake's own Vert.x event loop.
 */
final class FakeDiscordProxy {
  private final Vertx vertx;
  private final int upstreamPort;
  private final Set<String> tunnelled = ConcurrentHashMap.newKeySet();
  private NetServer server;
  private NetClient client;

  FakeDiscordProxy(Vertx vertx, int upstreamPort) {
    this.vertx = vertx;
    this.upstreamPort = upstreamPort;
  }

  Future<Integer> listen() {
    client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(this::accept);
    return server.listen(0, "127.0.0.1").map(NetServer::actualPort);
  }

  /** The host:port pairs a client asked to tunnel to (allowed ones only). */
  Set<String> tunnelled() {
    return tunnelled;
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void accept(NetSocket socket) {
    Buffer head = Buffer.buffer();
    socket.handler(
        chunk -> {
          head.appendBuffer(chunk);
          int end = indexOfHeaderEnd(head);
          if (end < 0) {
            if (head.length() > 16 * 1024) {
              socket.close();
            }
            return;
          }
          socket.handler(null);
          socket.pause();
          String headers = head.getString(0, end, StandardCharsets.ISO_8859_1.name());
          Buffer rest = head.getBuffer(end + 4, head.length());
          tunnel(socket, headers, rest);
        });
  }

  private void tunnel(NetSocket socket, String headers, Buffer rest) {
    String[] requestLine = headers.split("\r\n", 2)[0].split(" ");
    if (requestLine.length < 2 || !requestLine[0].equals("CONNECT")) {
      refuse(socket, "405 Method Not Allowed");
      return;
    }
    String target = requestLine[1].toLowerCase(Locale.ROOT);
    String host = target.contains(":") ? target.substring(0, target.lastIndexOf(':')) : target;
    if (!FakeDiscordTls.HOSTS.contains(host)) {
      refuse(socket, "403 Forbidden");
      return;
    }
    tunnelled.add(target);
    client
        .connect(upstreamPort, "127.0.0.1")
        .onFailure(err -> refuse(socket, "502 Bad Gateway"))
        .onSuccess(
            upstream -> {
              socket.write("HTTP/1.1 200 Connection established\r\n\r\n");
              if (rest.length() > 0) {
                upstream.write(rest);
              }
              socket.pipeTo(upstream);
              upstream.pipeTo(socket);
            });
  }

  private static void refuse(NetSocket socket, String status) {
    socket.write("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    socket.close();
  }

  private static int indexOfHeaderEnd(Buffer b) {
    for (int i = 0; i + 3 < b.length(); i++) {
      if (b.getByte(i) == '\r'
          && b.getByte(i + 1) == '\n'
          && b.getByte(i + 2) == '\r'
          && b.getByte(i + 3) == '\n') {
        return i;
      }
    }
    return -1;
  }
}
