package com.misdeliveryguard.smtp.listener;

import com.misdeliveryguard.smtp.spool.Spool;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The guard's SMTP listener: SubEthaSMTP's session loop, socket handling, TLS and AUTH exchange,
 * with the guard's own EHLO, MAIL, RCPT, DATA, STARTTLS and AUTH gate, and every command wrapped
 * by {@link StrictCommand}. See RELIABILITY.md for the traps in SubEthaSMTP this works around.
 */
public final class SmtpListener implements AutoCloseable {

    private final SMTPServer server;
    private final Connections connections;

    public SmtpListener(ListenerSettings settings, Spool spool, MessageIntake intake, Clock clock) {
        this.connections = new Connections(settings.maxConnectionsPerClient, settings.commandDeadline, System::nanoTime);
        SMTPServer.Builder builder = SMTPServer.port(settings.port)
                .bindAddress(settings.bind)
                .hostName(settings.hostName)
                .softwareName("Misdelivery Guard")
                .messageHandlerFactory(context -> new Transaction())
                .maxConnections(settings.maxConnections)
                .connectionTimeout((int) settings.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .maxRecipients(settings.maxRecipients)
                .sessionHandler(connections)
                .serverThreadName("smtp-listener");
        settings.tls.ifPresent(context -> builder.enableTLS(true).startTlsSocketFactory(socket -> tlsSocket(context, socket)));
        settings.authenticator.ifPresent(auth -> builder.authenticationHandlerFactory(
                new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!auth.authenticate(user, password)) {
                        throw new LoginFailedException("5.7.8 Authentication credentials invalid");
                    }
                })));
        this.server = builder.build();
        CommandHandler commands = server.getCommandHandler();
        List.of(new EhloCommand(settings), new MailCommand(settings), new RcptCommand(settings),
                new DataCommand(settings, spool, intake, clock), new StartTlsCommand(settings), new AuthGate(settings),
                new RefuseBdat()).forEach(commands::addCommand);
        for (String verb : List.copyOf(commands.getVerbs())) {
            commands.addCommand(new StrictCommand(commands.getCommand(verb), connections, settings.requireTls));
        }
    }

    private static SSLSocket tlsSocket(SSLContext context, java.net.Socket socket) throws java.io.IOException {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, remote.getHostString(),
                socket.getPort(), true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return tls;
    }

    public void start() {
        server.start();
    }

    /** The bound port (useful when configured with port 0). */
    public int port() {
        return server.getPortAllocated();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    int openConnections() {
        return connections.openConnections();
    }

    @Override
    public void close() {
        server.stop();
        connections.close();
    }
}
