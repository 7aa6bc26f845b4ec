using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace ServiceExcellence.IntegrationTests.Support;

/// <summary>
/// A real SMTP server on loopback: MailDev from the npm registry (installed by tests/run-all.sh), with its
/// REST API to read what arrived. It can be stopped and started again on the same port to test outages.
/// Without Node or MailDev the tests using it skip — unless SE_REQUIRE_SMTP=1, where they fail.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private static readonly string MailDevScript = Path.Combine(ProjectDirectory(), "node_modules", "maildev", "dist", "bin", "maildev.js");
    private readonly HttpClient _api = new();
    private Process? _process;

    public SmtpServer()
    {
        SmtpPort = FreePort();
        WebPort = FreePort();
        _api.BaseAddress = new Uri($"http://127.0.0.1:{WebPort}");
    }

    public int SmtpPort { get; }
    public int WebPort { get; }

    public static string? Unavailable =>
        File.Exists(MailDevScript) ? null : $"MailDev is not installed at {MailDevScript} (run tests/run-all.sh, which runs npm ci)";

    /// <summary>Skips the calling test when no SMTP server can be started here, or fails under the test script.</summary>
    public static void SkipIfUnavailable()
    {
        if (Unavailable is { } reason)
        {
            Assert.False(Environment.GetEnvironmentVariable("SE_REQUIRE_SMTP") == "1", reason);
            Assert.Skip(reason);
        }
    }

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("node", [MailDevScript, "--smtp", SmtpPort.ToString(), "--web", WebPort.ToString(), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("MailDev did not start");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await _api.GetAsync("/api/healthz")).IsSuccessStatusCode && await SmtpAnswersAsync())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("MailDev did not answer within 20 seconds");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async Task<IReadOnlyList<ReceivedEmail>> EmailsAsync() =>
        await _api.GetFromJsonAsync<List<ReceivedEmail>>("/api/email") ?? [];

    /// <summary>Waits until at least <paramref name="count"/> emails have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var emails = await EmailsAsync();
            if (emails.Count >= count || DateTime.UtcNow > deadline)
            {
                return emails;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _api.Dispose();
    }

    private async Task<bool> SmtpAnswersAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, SmtpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ProjectDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ServiceExcellence.IntegrationTests.csproj")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}

public sealed record ReceivedEmail(
    string Subject,
    string? Text,
    string? Html,
    List<ReceivedAddress> To,
    string Source)
{
    /// <summary>The message as it arrived (MailDev keeps the raw .eml; its JSON drops some headers).</summary>
    [JsonIgnore]
    public MimeKit.MimeMessage Raw => MimeKit.MimeMessage.Load(Source);

    [JsonIgnore]
    public string MessageId => Raw.MessageId ?? string.Empty;

    public string? Header(string name) => Raw.Headers[name];
}

public sealed record ReceivedAddress(string Address, string Name);
