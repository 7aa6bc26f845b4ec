using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    Pending = 0,
    Delivered = 1,

    /// <summary>Every attempt failed; kept with its last status and error until an administrator redelivers it.</summary>
    Failed = 2,
}

/// <summary>
/// One event for one endpoint, written in the same database transaction as the change that caused it and posted
/// later by the webhook dispatcher. The body is stored exactly as it is signed and sent, so every attempt is the same.
/// </summary>
public sealed class WebhookDelivery : Entity
{
    public const int MaxErrorLength = 1_000;
    public const int MaxResponseExcerptLength = 200;

    private WebhookDelivery()
    {
        EventType = Body = string.Empty;
    }

    public WebhookDelivery(Guid endpointId, Guid eventId, string eventType, string body, DateTimeOffset now)
    {
        EndpointId = endpointId;
        EventId = eventId;
        EventType = eventType;
        Body = body;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public Guid EndpointId { get; private set; }

    /// <summary>The event's id: the same in the delivery of that event to every endpoint.</summary>
    public Guid EventId { get; private set; }

    public string EventType { get; private set; }

    /// <summary>The JSON body, signed and sent byte for byte as stored.</summary>
    public string Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>While set and in the future, one dispatcher owns the delivery (a lease, so a crashed owner's deliveries come back).</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public string? LockedBy { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>The HTTP status of the last answer; null when there was none (timeout, refused connection).</summary>
    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The start of the receiver's last answer, for diagnosis; never more.</summary>
    public string? LastResponseExcerpt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public void MarkDelivered(int statusCode, string? responseExcerpt, DateTimeOffset now)
    {
        RecordAttempt(statusCode, null, responseExcerpt, now);
        Status = WebhookDeliveryStatus.Delivered;
        DeliveredAt = now;
    }

    /// <summary>Schedules the next attempt with exponential back-off (at most an hour), or gives up after <paramref name="maxAttempts"/>.</summary>
    public void MarkAttemptFailed(int? statusCode, string error, string? responseExcerpt, DateTimeOffset now, int maxAttempts, TimeSpan baseDelay)
    {
        RecordAttempt(statusCode, error, responseExcerpt, now);
        if (Attempts >= maxAttempts)
        {
            Status = WebhookDeliveryStatus.Failed;
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(baseDelay.Ticks * (1L << Math.Min(Attempts - 1, 20)), TimeSpan.FromHours(1).Ticks));
        NextAttemptAt = now + delay;
    }

    /// <summary>An administrator sends a failed delivery again, with a fresh set of attempts and the same body and id.</summary>
    public void Redeliver(DateTimeOffset now)
    {
        if (Status != WebhookDeliveryStatus.Failed)
        {
            throw new DomainException(Status == WebhookDeliveryStatus.Delivered
                ? "This event was already delivered. Only a failed delivery can be sent again."
                : "This delivery is still being tried. Only a failed delivery can be sent again.");
        }

        Status = WebhookDeliveryStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }

    private void RecordAttempt(int? statusCode, string? error, string? responseExcerpt, DateTimeOffset now)
    {
        Attempts++;
        LastAttemptAt = now;
        LastStatusCode = statusCode;
        LastError = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
        LastResponseExcerpt = responseExcerpt is { Length: > MaxResponseExcerptLength } ? responseExcerpt[..MaxResponseExcerptLength] : responseExcerpt;
        LockedBy = null;
        LockedUntil = null;
    }
}
