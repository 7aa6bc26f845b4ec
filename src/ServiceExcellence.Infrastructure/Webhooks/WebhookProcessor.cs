using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Webhooks;
using ServiceExcellence.Domain.Webhooks;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Webhooks;

/// <summary>
/// Posts the due webhook deliveries once. Deliveries are claimed with a lease by a conditional UPDATE, exactly as the
/// email outbox does, so several instances never post the same delivery at once and a crashed owner's deliveries come
/// back when the lease runs out. A 2xx answer is delivered; anything else, a timeout or a refused connection is retried
/// with exponential back-off, then the delivery is Failed and waits for an administrator to redeliver it. The whole answer must
/// arrive within the timeout, and a batch stops at half its lease, so a stalling receiver cannot keep a batch past its lease.
/// </summary>
public sealed class WebhookProcessor(
    AppDbContext db, IHttpClientFactory http, IWebhookSecrets secrets, IWebhookAddressPolicy addresses,
    IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookProcessor> logger)
{
    public const string ClientName = "webhooks";
    public const string EventHeader = "X-ServiceExcellence-Event";
    public const string DeliveryHeader = "X-ServiceExcellence-Delivery";
    public const string TimestampHeader = "X-ServiceExcellence-Timestamp";
    public const string SignatureHeader = "X-ServiceExcellence-Signature";

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Claims and posts one batch; returns how many deliveries it attempted.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Dispatcher;

        // The batch is ours for the lease. Posting stops at half of it, well before another instance may take the same
        // deliveries; those not attempted yet are handed back at once, so none is posted by two instances.
        var sendUntil = clock.GetUtcNow().AddSeconds(settings.LeaseSeconds / 2);
        var claimed = await ClaimAsync(settings, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var endpointIds = claimed.Select(d => d.EndpointId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var attempted = 0;
        foreach (var delivery in claimed)
        {
            if (clock.GetUtcNow() >= sendUntil)
            {
                await ReleaseAsync(claimed.Skip(attempted).Select(d => d.Id).ToList(), cancellationToken);
                logger.LogInformation("Half of the {LeaseSeconds} s lease has passed: {Left} claimed deliveries are left for the next round", settings.LeaseSeconds, claimed.Count - attempted);
                break;
            }

            await DeliverAsync(delivery, endpoints[delivery.EndpointId], settings, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            attempted++;
        }

        return attempted;
    }

    /// <summary>The signature of a body at a time: lower-case hex HMAC-SHA256 of <c>"{timestamp}.{body}"</c> keyed with the secret's UTF-8 bytes.</summary>
    public static string Sign(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}")));

    private async Task<List<WebhookDelivery>> ClaimAsync(WebhookOptions.DispatcherSettings settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var candidates = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now))
            .Where(d => db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.IsActive))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        // The WHERE is evaluated again under the write lock: a row another instance claimed in between is skipped.
        var leaseUntil = now.AddSeconds(settings.LeaseSeconds);
        await db.WebhookDeliveries
            .Where(d => candidates.Contains(d.Id) && d.Status == WebhookDeliveryStatus.Pending && (d.LockedUntil == null || d.LockedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LockedBy, _owner).SetProperty(d => d.LockedUntil, leaseUntil), cancellationToken);
        return await db.WebhookDeliveries
            .Where(d => candidates.Contains(d.Id) && d.LockedBy == _owner && d.Status == WebhookDeliveryStatus.Pending)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Gives up the lease of deliveries this round did not get to, so the next round claims them at once.</summary>
    private async Task ReleaseAsync(List<Guid> ids, CancellationToken cancellationToken) =>
        await db.WebhookDeliveries
            .Where(d => ids.Contains(d.Id) && d.LockedBy == _owner)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LockedBy, (string?)null).SetProperty(d => d.LockedUntil, (DateTimeOffset?)null), cancellationToken);

    private async Task DeliverAsync(WebhookDelivery delivery, WebhookEndpoint endpoint, WebhookOptions.DispatcherSettings settings, CancellationToken cancellationToken)
    {
        int? statusCode;
        string? error;
        string? excerpt;
        try
        {
            (statusCode, error, excerpt) = await PostAsync(delivery, endpoint, settings, cancellationToken);
        }
        catch (CryptographicException)
        {
            (statusCode, error, excerpt) = (null, "The signing secret cannot be decrypted (were the Data Protection keys lost?). Rotate the secret.", null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One broken delivery must not stop the rest of the batch: it is recorded as a failed attempt like any other.
            (statusCode, error, excerpt) = (null, $"{ex.GetType().Name}: {ex.Message}", null);
        }

        var now = clock.GetUtcNow();
        if (error is null)
        {
            delivery.MarkDelivered(statusCode!.Value, excerpt, now);
            logger.LogInformation("Delivered {EventType} {DeliveryId} to endpoint {EndpointId}: {StatusCode}", delivery.EventType, delivery.Id, endpoint.Id, statusCode);
            return;
        }

        delivery.MarkAttemptFailed(statusCode, error, excerpt, now, settings.MaxAttempts, TimeSpan.FromSeconds(settings.RetryBaseSeconds));
        if (delivery.Status == WebhookDeliveryStatus.Failed)
        {
            logger.LogError("Gave up on {EventType} {DeliveryId} to endpoint {EndpointId} after {Attempts} attempts: {Error}", delivery.EventType, delivery.Id, endpoint.Id, delivery.Attempts, error);
        }
        else
        {
            logger.LogWarning("{EventType} {DeliveryId} to endpoint {EndpointId} not delivered (attempt {Attempts}), next try at {NextAttemptAt}: {Error}",
                delivery.EventType, delivery.Id, endpoint.Id, delivery.Attempts, delivery.NextAttemptAt, error);
        }
    }

    private async Task<(int? StatusCode, string? Error, string? Excerpt)> PostAsync(
        WebhookDelivery delivery, WebhookEndpoint endpoint, WebhookOptions.DispatcherSettings settings, CancellationToken cancellationToken)
    {
        if (await addresses.ProblemWithAsync(endpoint.Url, cancellationToken) is { } problem)
        {
            return (null, $"Not sent: {problem}", null);
        }

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(EventHeader, delivery.EventType);
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString());
        request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, Sign(secrets.Reveal(endpoint.ProtectedSecret), timestamp, delivery.Body));
        // HttpClient.Timeout ends only the wait for the headers; a receiver that sends them and then stalls would hold the
        // dispatcher past its lease. One deadline covers the request and the reading of the answer.
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        int? status = null;
        try
        {
            using var response = await http.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            status = (int)response.StatusCode;
            var excerpt = await ExcerptAsync(response, attempt.Token);
            deadline.Token.ThrowIfCancellationRequested();
            return response.IsSuccessStatusCode
                ? (status, null, excerpt)
                : (status, status is >= 300 and < 400 ? $"HTTP {status}: redirects are not followed" : $"HTTP {status} {response.ReasonPhrase}", excerpt);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested
            && (deadline.IsCancellationRequested || ex is TaskCanceledException))
        {
            // Even a 2xx counts as failed when its answer does not finish in time: the receiver may have stopped half-way,
            // and it recognises the repeat by its delivery id.
            return (status, status is null
                ? $"No answer within {settings.TimeoutSeconds:0.#} seconds"
                : $"HTTP {status}, but the answer did not finish within {settings.TimeoutSeconds:0.#} seconds", null);
        }
        catch (HttpRequestException ex)
        {
            return (null, $"{ex.GetType().Name}: {ex.Message}", null);
        }
    }

    /// <summary>At most the first few hundred characters of the answer: enough to see what went wrong, never a whole body.</summary>
    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[WebhookDelivery.MaxResponseExcerptLength * 2];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            var text = Encoding.UTF8.GetString(buffer, 0, read).Trim();
            return text.Length == 0 ? null : text[..Math.Min(text.Length, WebhookDelivery.MaxResponseExcerptLength)];
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
