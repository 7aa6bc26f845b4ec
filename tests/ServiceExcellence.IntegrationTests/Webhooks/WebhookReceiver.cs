using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServiceExcellence.IntegrationTests.Webhooks;

/// <summary>One request as the receiver saw it, and whether its signature and timestamp checked out.</summary>
public sealed record ReceivedWebhook(string? Event, string? Delivery, string Body, bool Verified, int AnsweredWith)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A receiving system on loopback: a real Kestrel server that verifies each request as docs/api.md tells integrators to
/// (HMAC-SHA256 of "{timestamp}.{body}" with the shared secret, a timestamp within five minutes), answers 401 to a bad
/// signature, and otherwise answers the next planned status (200 once the plan is used up).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>A planned answer: status 200 and the start of a body, then nothing more until the caller hangs up.</summary>
    public const int Stall = -1;

    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentQueue<int> _plannedStatuses = new();
    private readonly Func<DateTimeOffset> _now;
    private readonly TaskCompletionSource _stalling = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    public WebhookReceiver(Func<DateTimeOffset> now) => _now = now;

    /// <summary>The secret the administrator gave this system when the endpoint was registered.</summary>
    public string Secret { get; set; } = string.Empty;

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    /// <summary>Completes once a request has been answered with <see cref="Stall"/>: its headers are sent, its body never ends.</summary>
    public Task Stalling => _stalling.Task;

    /// <summary>The next requests are answered with these statuses (or <see cref="Stall"/>), in order.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _plannedStatuses.Enqueue(status);
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "webhook-receiver" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/hooks", ReceiveAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Url = address.TrimEnd('/') + "/hooks";
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var verified = Verify(context.Request.Headers["X-ServiceExcellence-Timestamp"], context.Request.Headers["X-ServiceExcellence-Signature"], body);
        var status = !verified ? StatusCodes.Status401Unauthorized : _plannedStatuses.TryDequeue(out var planned) ? planned : StatusCodes.Status200OK;
        if (status == Stall)
        {
            await StallAsync(context, body);
            return;
        }

        _received.Enqueue(new ReceivedWebhook(context.Request.Headers["X-ServiceExcellence-Event"], context.Request.Headers["X-ServiceExcellence-Delivery"], body, verified, status));
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status == 200 ? "thanks" : "receiver says no");
    }

    private async Task StallAsync(HttpContext context, string body)
    {
        _received.Enqueue(new ReceivedWebhook(context.Request.Headers["X-ServiceExcellence-Event"], context.Request.Headers["X-ServiceExcellence-Delivery"], body, true, StatusCodes.Status200OK));
        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.WriteAsync("accepted, and then");
        await context.Response.Body.FlushAsync();
        _stalling.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up, as it should.
        }
    }

    /// <summary>What an integrator writes: recompute the signature, compare in constant time, refuse stale timestamps.</summary>
    private bool Verify(string? timestampHeader, string? signatureHeader, string body)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || signatureHeader is null)
        {
            return false;
        }

        if ((_now() - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > Tolerance)
        {
            return false;
        }

        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signatureHeader));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
