using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Webhooks;

namespace ServiceExcellence.UnitTests.Domain;

public sealed class WebhookTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failed_attempts_back_off_exponentially_up_to_an_hour_then_the_delivery_is_failed()
    {
        var delivery = new WebhookDelivery(Guid.NewGuid(), Guid.NewGuid(), WebhookEventTypes.AlertRaised, "{}", Now);
        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt < 10; attempt++)
        {
            delivery.MarkAttemptFailed(500, "HTTP 500", "oops", Now, maxAttempts: 10, TimeSpan.FromSeconds(30));
            waits.Add(delivery.NextAttemptAt - Now);
        }

        Assert.Equal([30, 60, 120, 240, 480, 960, 1920, 3600, 3600], waits.Select(w => (int)w.TotalSeconds));
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        delivery.MarkAttemptFailed(null, "No answer within 10 seconds", null, Now, maxAttempts: 10, TimeSpan.FromSeconds(30));
        Assert.Equal((WebhookDeliveryStatus.Failed, 10, (int?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
    }

    [Fact]
    public void Only_a_failed_delivery_can_be_redelivered_and_it_starts_again_with_fresh_attempts()
    {
        var delivery = new WebhookDelivery(Guid.NewGuid(), Guid.NewGuid(), WebhookEventTypes.AlertRaised, "{}", Now);
        Assert.Throws<DomainException>(() => delivery.Redeliver(Now));

        delivery.MarkAttemptFailed(503, "HTTP 503", new string('x', 500), Now, maxAttempts: 1, TimeSpan.FromSeconds(30));
        Assert.Equal(WebhookDelivery.MaxResponseExcerptLength, delivery.LastResponseExcerpt!.Length);
        delivery.Redeliver(Now.AddHours(1));

        Assert.Equal((WebhookDeliveryStatus.Pending, 0, Now.AddHours(1)), (delivery.Status, delivery.Attempts, delivery.NextAttemptAt));
        delivery.MarkDelivered(204, null, Now.AddHours(1));
        Assert.Throws<DomainException>(() => delivery.Redeliver(Now));
    }

    [Fact]
    public void An_endpoint_subscribes_to_known_events_and_receives_them_only_while_active()
    {
        Assert.Throws<DomainException>(() => new WebhookEndpoint("CRM", "https://crm.example.com/hooks", [], true, "protected", Now));
        Assert.Throws<DomainException>(() => new WebhookEndpoint("CRM", "https://crm.example.com/hooks", ["invoice.paid"], true, "protected", Now));

        var endpoint = new WebhookEndpoint("CRM", "https://crm.example.com/hooks", [WebhookEventTypes.GuaranteeInvoked, WebhookEventTypes.AlertRaised], true, "protected", Now);

        Assert.Equal("alert.raised guarantee.invoked", endpoint.EventTypes);
        Assert.True(endpoint.IsSubscribedTo(WebhookEventTypes.AlertRaised));
        Assert.False(endpoint.IsSubscribedTo(WebhookEventTypes.AlertResolved));
        endpoint.Update("CRM", "https://crm.example.com/hooks", [WebhookEventTypes.AlertRaised], isActive: false);
        Assert.False(endpoint.IsSubscribedTo(WebhookEventTypes.AlertRaised));
    }
}
