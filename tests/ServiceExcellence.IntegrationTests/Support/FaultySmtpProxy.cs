using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ServiceExcellence.IntegrationTests.Support;

/// <summary>How the proxy treats the next SMTP connections.</summary>
public enum SmtpFault
{
    /// <summary>Forwards everything to the real server.</summary>
    None,

    /// <summary>Answers "554 service not available" and hangs up, as a server refusing mail does.</summary>
    Refuse,

    /// <summary>Accepts the connection and never says a word: the client's timeout must end it.</summary>
    Silence,

    /// <summary>Forwards until the message content starts, then cuts the connection in the middle of it.</summary>
    DropMidMessage,

    /// <summary>
    /// Answers by itself as a relay that knows no recipient: every RCPT TO gets 550 quoting the address back, as Postfix
    /// does ("5.1.1 &lt;anna@…&gt;: Recipient address rejected: User unknown").
    /// </summary>
    RejectRecipients,
}

/// <summary>
/// A TCP proxy in front of a real SMTP server (MailDev) that injects the faults a mail relay shows. A fault that answers by
/// itself (<see cref="SmtpFault.Refuse"/>, <see cref="SmtpFault.Silence"/>, <see cref="SmtpFault.RejectRecipients"/>)
/// needs no server behind it.
/// </summary>
public sealed class FaultySmtpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;

    public FaultySmtpProxy(int serverPort = 0)
    {
        _serverPort = serverPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public SmtpFault Fault { get; set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections)
        {
            _connections.ForEach(c => c.Dispose());
        }

        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add(client);
            }

            _ = HandleAsync(client, Fault);
        }
    }

    private async Task HandleAsync(TcpClient client, SmtpFault fault)
    {
        try
        {
            var stream = client.GetStream();
            switch (fault)
            {
                case SmtpFault.Refuse:
                    await stream.WriteAsync("554 5.3.2 Service not available, closing channel\r\n"u8.ToArray(), _stop.Token);
                    client.Close();
                    return;
                case SmtpFault.Silence:
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    return;
                case SmtpFault.RejectRecipients:
                    await RejectRecipientsAsync(stream);
                    client.Close();
                    return;
            }

            using var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _serverPort, _stop.Token);
            var upstream = server.GetStream();
            using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var toServer = CopyClientToServerAsync(stream, upstream, fault == SmtpFault.DropMidMessage, cut);
            var toClient = CopyAsync(upstream, stream, cut.Token);
            await Task.WhenAny(toServer, toClient);
            await cut.CancelAsync();
            client.Close();
            server.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            client.Close();
        }
    }

    private async Task RejectRecipientsAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        await using var writer = new StreamWriter(stream, Encoding.ASCII, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 relay.example ESMTP");
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', ':')[0].ToUpperInvariant();
            if (verb == "QUIT")
            {
                await writer.WriteLineAsync("221 2.0.0 Bye");
                return;
            }

            await writer.WriteLineAsync(verb switch
            {
                "EHLO" or "HELO" => "250 relay.example",
                "MAIL" or "RSET" or "NOOP" => "250 2.0.0 Ok",
                "RCPT" => $"550 5.1.1 {line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()}: Recipient address rejected: User unknown in virtual mailbox table",
                _ => "502 5.5.2 Error: command not recognized",
            });
        }
    }

    /// <summary>Forwards the client's commands; with <paramref name="dropMidMessage"/>, hangs up a few bytes into the content after DATA.</summary>
    private static async Task CopyClientToServerAsync(Stream from, Stream to, bool dropMidMessage, CancellationTokenSource cut)
    {
        var buffer = new byte[8192];
        var seen = new StringBuilder();
        var inContent = false;
        var contentBytes = 0;
        while (true)
        {
            var read = await from.ReadAsync(buffer, cut.Token);
            if (read == 0)
            {
                return;
            }

            if (dropMidMessage)
            {
                if (inContent)
                {
                    var allowed = Math.Max(0, 64 - contentBytes);
                    await to.WriteAsync(buffer.AsMemory(0, Math.Min(read, allowed)), cut.Token);
                    contentBytes += read;
                    if (contentBytes >= 64)
                    {
                        return; // the connection drops in the middle of the message
                    }

                    continue;
                }

                seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (seen.ToString().Contains("DATA\r\n", StringComparison.OrdinalIgnoreCase))
                {
                    inContent = true;
                }
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cut.Token);
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}
