namespace ServiceExcellence.Domain.Webhooks;

/// <summary>The events a receiving system can subscribe to, as they appear in payloads and headers.</summary>
public static class WebhookEventTypes
{
    public const string AlertRaised = "alert.raised";
    public const string AlertResolved = "alert.resolved";
    public const string GuaranteeInvoked = "guarantee.invoked";

    /// <summary>Sent only by an administrator's "Send test event"; every endpoint receives it, subscribed or not.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<string> Subscribable = [AlertRaised, AlertResolved, GuaranteeInvoked];
}
