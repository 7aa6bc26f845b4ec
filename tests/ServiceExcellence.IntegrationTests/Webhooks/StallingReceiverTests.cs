using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Webhooks;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Webhooks;

/// <summary>
/// A receiver that sends its headers and then never finishes its answer cannot hold the dispatcher: the attempt ends at the
/// timeout as a failed one, the dispatcher goes on with the batch, and it stops taking deliveries once half the lease is gone
/// so that no other instance takes the same ones over.
/// </summary>
public sealed class StallingReceiverTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly AppFactory _app = new();
    private StaffSession _admin = default!;
    private WebhookReceiver _receiver = default!;
    private string _endpointUrl = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _app.Settings["Webhooks:AllowPrivateAddresses"] = "true";
        _app.Settings["Webhooks:Dispatcher:TimeoutSeconds"] = "10";
        _app.Settings["Webhooks:Dispatcher:LeaseSeconds"] = "30";
        _admin = await _app.SignInAsync(StaffRole.Administrator);
        Guid endpointId;
        (_receiver, endpointId) = await WebhookKit.ReceiverForAsync(_app, _admin, "CRM", WebhookEventTypes.AlertRaised);
        _endpointUrl = $"/Admin/Webhooks/Details/{endpointId}";
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _receiver.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_stalled_answer_fails_at_the_timeout_and_the_next_delivery_is_still_posted()
    {
        var (stalled, next) = await TwoTestEventsAsync();
        _receiver.AnswerNext(WebhookReceiver.Stall);

        var round = _app.ProcessWebhooksAsync();
        await _receiver.Stalling.WaitAsync(Patience, TestContext.Current.CancellationToken);
        _app.Clock.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal(2, await round.WaitAsync(Patience, TestContext.Current.CancellationToken));
        var first = await DeliveryAsync(stalled);
        Assert.Equal((WebhookDeliveryStatus.Pending, 1), (first.Status, first.Attempts));
        Assert.Contains("within 10 seconds", first.LastError, StringComparison.Ordinal);
        Assert.True(first.NextAttemptAt > _app.Clock.GetUtcNow(), "a timed-out attempt waits for its back-off like any failed one");
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await DeliveryAsync(next)).Status);
        Assert.Equal([stalled, next], _receiver.Received.Select(r => Guid.Parse(r.Delivery!)));

        var row = (await _admin.GetPageAsync(_endpointUrl)).QuerySelector($"#deliveries tr[data-id='{stalled}']")!;
        Assert.Contains("within 10 seconds", row.QuerySelector(".last-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_half_the_lease_the_rest_of_the_batch_is_handed_back_and_posted_in_the_next_round()
    {
        var (stalled, next) = await TwoTestEventsAsync();
        _receiver.AnswerNext(WebhookReceiver.Stall);

        var round = _app.ProcessWebhooksAsync();
        await _receiver.Stalling.WaitAsync(Patience, TestContext.Current.CancellationToken);
        _app.Clock.Advance(TimeSpan.FromSeconds(16)); // past the 10 s timeout and half of the 30 s lease

        Assert.Equal(1, await round.WaitAsync(Patience, TestContext.Current.CancellationToken));
        var handedBack = await DeliveryAsync(next);
        Assert.Equal((WebhookDeliveryStatus.Pending, 0, null), (handedBack.Status, handedBack.Attempts, handedBack.LockedUntil));
        Assert.Single(_receiver.Received);

        Assert.Equal(1, await _app.ProcessWebhooksAsync());
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await DeliveryAsync(next)).Status);
        Assert.Equal((WebhookDeliveryStatus.Pending, 1), ((await DeliveryAsync(stalled)).Status, (await DeliveryAsync(stalled)).Attempts));
    }

    /// <summary>Two test events a second apart, so the first one is posted first.</summary>
    private async Task<(Guid First, Guid Second)> TwoTestEventsAsync()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await _admin.PostFormAsync(_endpointUrl, [], "#test-form")).StatusCode);
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await _admin.PostFormAsync(_endpointUrl, [], "#test-form")).StatusCode);
        var ids = await _app.QueryAsync(db => db.WebhookDeliveries.OrderBy(d => d.NextAttemptAt).Select(d => d.Id).ToListAsync());
        return (ids[0], ids[1]);
    }

    private Task<WebhookDelivery> DeliveryAsync(Guid id) =>
        _app.QueryAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == id));
}
