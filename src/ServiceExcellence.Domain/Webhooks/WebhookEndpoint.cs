using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Webhooks;

/// <summary>
/// A receiving system an administrator registered: it gets a signed POST for every event type it subscribed to while
/// it is active. The signing secret is kept encrypted (the app must recover it to sign) and shown only when made.
/// </summary>
public sealed class WebhookEndpoint : Entity
{
    public const int MaxUrlLength = 2_000;

    private WebhookEndpoint()
    {
        Name = Url = EventTypes = ProtectedSecret = string.Empty;
    }

    public WebhookEndpoint(string name, string url, IReadOnlyCollection<string> eventTypes, bool isActive, string protectedSecret, DateTimeOffset now)
    {
        Name = Url = EventTypes = string.Empty;
        Update(name, url, eventTypes, isActive);
        ProtectedSecret = protectedSecret;
        CreatedAt = SecretCreatedAt = now;
    }

    public string Name { get; private set; }
    public string Url { get; private set; }

    /// <summary>The subscribed event types, space-separated (see <see cref="WebhookEventTypes"/>).</summary>
    public string EventTypes { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>The signing secret, encrypted with the app's Data Protection keys.</summary>
    public string ProtectedSecret { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset SecretCreatedAt { get; private set; }

    public IReadOnlyList<string> Events => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsSubscribedTo(string eventType) => IsActive && Events.Contains(eventType, StringComparer.Ordinal);

    public void Update(string name, string url, IReadOnlyCollection<string> eventTypes, bool isActive)
    {
        var unknown = eventTypes.Except(WebhookEventTypes.Subscribable).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException($"Unknown event type: {string.Join(", ", unknown)}.");
        }

        if (eventTypes.Count == 0)
        {
            throw new DomainException("Choose at least one event.");
        }

        Name = Guard.Required(name, "Name", Limits.Name);
        Url = Guard.Required(url, "URL", MaxUrlLength);
        EventTypes = string.Join(' ', WebhookEventTypes.Subscribable.Where(eventTypes.Contains));
        IsActive = isActive;
    }

    public void RotateSecret(string protectedSecret, DateTimeOffset now)
    {
        ProtectedSecret = protectedSecret;
        SecretCreatedAt = now;
    }
}
