using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ServiceExcellence.IntegrationTests.Support;

/// <summary>
/// A mail relay on loopback that knows no recipient: it answers every RCPT TO with 550 and quotes the address back, as
/// Postfix does ("5.1.1 &lt;anna@…&gt;: Recipient address rejected: User unknown").
/// </summary>
public sealed class RejectingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public RejectingSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
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

            _ = ConverseAsync(client);
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
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
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The test is over or the client hung up.
            }
        }
    }
}
