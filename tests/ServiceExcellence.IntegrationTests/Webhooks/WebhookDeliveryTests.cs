using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Webhooks;
using ServiceExcellence.IntegrationTests.Alerts;
using ServiceExcellence.IntegrationTests.Guarantees;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Webhooks;

/// <summary>
/// Events reach receiving systems: written with the change that causes them, signed, posted to a real receiver on
/// loopback that verifies the signature, retried after failures, and delivered once.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private readonly List<WebhookReceiver> _receivers = [];
    private TestData _data = default!;
    private StaffSession _admin = default!;

    public async ValueTask InitializeAsync()
    {
        _app.Settings["Webhooks:AllowPrivateAddresses"] = "true";
        _app.Settings["Webhooks:Dispatcher:RetryBaseSeconds"] = "30";
        _app.Settings["Webhooks:Dispatcher:MaxAttempts"] = "3";
        _data = await TestData.SeedAsync(_app);
        _admin = await _app.SignInAsync(StaffRole.Administrator);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        foreach (var receiver in _receivers)
        {
            await receiver.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_poor_rating_posts_alert_raised_signed_with_the_endpoints_secret_and_without_the_customers_comment()
    {
        var (receiver, endpointId) = await ReceiverAsync("CRM", WebhookEventTypes.AlertRaised);

        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 2, comment: "The engineer was rude to Anna Andersen.");
        Assert.Equal(1, await _app.ProcessWebhooksAsync());

        var alert = await _app.QueryAsync(db => db.Alerts.SingleAsync());
        var received = Assert.Single(receiver.Received);
        Assert.True(received.Verified);
        Assert.Equal((WebhookEventTypes.AlertRaised, 200), (received.Event, received.AnsweredWith));
        var json = received.Json;
        Assert.Equal(WebhookEventTypes.AlertRaised, json.GetProperty("type").GetString());
        var data = json.GetProperty("data");
        Assert.Equal(alert.Id, data.GetProperty("alert").GetProperty("id").GetGuid());
        Assert.Equal("High", data.GetProperty("alert").GetProperty("severity").GetString());
        Assert.Equal($"https://localhost/Alerts/Details/{alert.Id}", data.GetProperty("alert").GetProperty("url").GetString());
        Assert.Equal(("Northwind Traders", "CRM-1"), (data.GetProperty("client").GetProperty("name").GetString(), data.GetProperty("client").GetProperty("externalId").GetString()));
        Assert.Equal("WO-1", data.GetProperty("transaction").GetProperty("externalReference").GetString());
        Assert.Equal(2, data.GetProperty("rating").GetProperty("overall").GetInt32());
        Assert.DoesNotContain("rude", received.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("anna", received.Body, StringComparison.OrdinalIgnoreCase);

        var log = await _admin.GetPageAsync($"/Admin/Webhooks/Details/{endpointId}");
        var row = log.QuerySelector($"#deliveries tr[data-id='{received.Delivery}']")!;
        Assert.Equal("Delivered", row.QuerySelector(".badge")!.TextContent);
        Assert.Equal("200", row.QuerySelector(".last-status")!.TextContent);
    }

    [Fact]
    public async Task Resolving_an_alert_posts_alert_resolved_and_a_refused_resolve_posts_nothing()
    {
        var (receiver, _) = await ReceiverAsync("Service desk", WebhookEventTypes.AlertResolved);
        var engineer = await RatingKit.MemberOfAsync(_app, _data.Operations);
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 1);
        var id = await _app.QueryAsync(db => db.Alerts.Select(a => a.Id).SingleAsync());
        using var session = _app.NewSession();
        await session.SignInAsync(engineer.Email, AppFactory.Password);
        var url = $"/Alerts/Details/{id}";
        Assert.Equal(HttpStatusCode.OK, (await session.PostFormAsync(url, [], "form[action*='handler=Resolve']")).StatusCode);
        Assert.Equal(0, await _app.ProcessWebhooksAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(url, new() { ["Recovery.Action"] = "Called the client.", ["Recovery.Reaction"] = "Relieved" }, "#recovery-form")).StatusCode);
        Assert.Equal(0, await _app.ProcessWebhooksAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(url, [], "form[action*='handler=Resolve']")).StatusCode);
        Assert.Equal(1, await _app.ProcessWebhooksAsync());

        var received = Assert.Single(receiver.Received);
        Assert.True(received.Verified);
        Assert.Equal(WebhookEventTypes.AlertResolved, received.Event);
        var alert = received.Json.GetProperty("data").GetProperty("alert");
        Assert.Equal((id, "Resolved"), (alert.GetProperty("id").GetGuid(), alert.GetProperty("status").GetString()));
        Assert.Equal(_app.Clock.GetUtcNow(), alert.GetProperty("resolvedAt").GetDateTimeOffset());
        Assert.Equal(["Client Team North", "Field Service"], alert.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["Poor overall score"], alert.GetProperty("rules").EnumerateArray().Select(t => t.GetString()));
        Assert.DoesNotContain("Called the client", received.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoking_the_guarantee_posts_guarantee_invoked_with_the_amounts_and_not_the_reason()
    {
        var (receiver, _) = await ReceiverAsync("Billing", WebhookEventTypes.GuaranteeInvoked);

        var invocationId = await GuaranteeKit.InvokeAsync(_app, _data, "WO-7", chosen: 300m, reason: "The engineer came a day late.");
        Assert.Equal(1, await _app.ProcessWebhooksAsync());

        var received = Assert.Single(receiver.Received);
        Assert.True(received.Verified);
        Assert.Equal(WebhookEventTypes.GuaranteeInvoked, received.Event);
        var data = received.Json.GetProperty("data");
        var guarantee = data.GetProperty("guarantee");
        Assert.Equal(invocationId, guarantee.GetProperty("id").GetGuid());
        Assert.Equal((480m, 300m, "EUR"), (guarantee.GetProperty("invoicedAmount").GetDecimal(), guarantee.GetProperty("chosenAmount").GetDecimal(), guarantee.GetProperty("currency").GetString()));
        Assert.Equal("SurveyLink", guarantee.GetProperty("channel").GetString());
        var alertId = await _app.QueryAsync(db => db.Alerts.Select(a => a.Id).SingleAsync());
        Assert.Equal(alertId, data.GetProperty("alertId").GetGuid());
        Assert.Equal("WO-7", data.GetProperty("transaction").GetProperty("externalReference").GetString());
        Assert.DoesNotContain("a day late", received.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_that_fails_gets_the_event_again_after_the_back_off_and_it_is_delivered_once()
    {
        var (receiver, endpointId) = await ReceiverAsync("CRM", WebhookEventTypes.AlertRaised);
        receiver.AnswerNext(500);
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 2);

        Assert.Equal(1, await _app.ProcessWebhooksAsync());
        var waiting = await _app.QueryAsync(db => db.WebhookDeliveries.SingleAsync());
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, 500), (waiting.Status, waiting.Attempts, waiting.LastStatusCode));
        Assert.Equal("receiver says no", waiting.LastResponseExcerpt);

        _app.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await _app.ProcessWebhooksAsync());
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _app.ProcessWebhooksAsync());
        _app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await _app.ProcessWebhooksAsync());

        Assert.Equal([500, 200], receiver.Received.Select(r => r.AnsweredWith));
        Assert.All(receiver.Received, r => Assert.True(r.Verified));
        Assert.Single(receiver.Received.Select(r => r.Delivery).Distinct());
        Assert.Single(receiver.Received.Select(r => r.Json.GetProperty("id").GetGuid()).Distinct());
        var delivered = await _app.QueryAsync(db => db.WebhookDeliveries.SingleAsync());
        Assert.Equal((WebhookDeliveryStatus.Delivered, 2, 200), (delivered.Status, delivered.Attempts, delivered.LastStatusCode));
        var row = (await _admin.GetPageAsync($"/Admin/Webhooks/Details/{endpointId}")).QuerySelector("#deliveries tbody tr")!;
        Assert.Equal(("Delivered", "2"), (row.QuerySelector(".badge")!.TextContent, row.QuerySelector(".num")!.TextContent));
    }

    [Fact]
    public async Task A_receiver_that_is_down_is_tried_again_and_the_log_says_there_was_no_answer()
    {
        var (receiver, endpointId) = await ReceiverAsync("CRM", WebhookEventTypes.AlertRaised);
        await receiver.DisposeAsync();
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 2);

        Assert.Equal(1, await _app.ProcessWebhooksAsync());

        var row = (await _admin.GetPageAsync($"/Admin/Webhooks/Details/{endpointId}")).QuerySelector("#deliveries tbody tr")!;
        Assert.Equal(("Pending", "no answer"), (row.QuerySelector(".badge")!.TextContent, row.QuerySelector(".last-status")!.TextContent));
        Assert.Contains("HttpRequestException", row.QuerySelector(".last-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Next 2026-06-15 09:00:30", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_last_attempt_the_delivery_is_failed_and_an_administrator_redelivers_it()
    {
        var (receiver, endpointId) = await ReceiverAsync("CRM", WebhookEventTypes.AlertRaised);
        receiver.AnswerNext(503, 503, 503);
        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 2);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(1, await _app.ProcessWebhooksAsync());
            _app.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(0, await _app.ProcessWebhooksAsync());
        var url = $"/Admin/Webhooks/Details/{endpointId}";
        var log = await _admin.GetPageAsync(url);
        var row = log.QuerySelector("#deliveries tbody tr")!;
        Assert.Equal("Failed", row.QuerySelector(".badge")!.TextContent);
        Assert.Contains("HTTP 503", row.QuerySelector(".last-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", (await _admin.GetPageAsync("/Admin/Webhooks")).QuerySelector("[data-failed]")!.TextContent);

        var redeliver = await _admin.PostFormAsync(url, [], "#deliveries form");
        Assert.Equal(HttpStatusCode.Redirect, redeliver.StatusCode);
        Assert.Equal(1, await _app.ProcessWebhooksAsync());

        Assert.Equal([503, 503, 503, 200], receiver.Received.Select(r => r.AnsweredWith));
        Assert.Single(receiver.Received.Select(r => r.Delivery).Distinct());
        Assert.Equal("Delivered", (await _admin.GetPageAsync(url)).QuerySelector("#deliveries tbody tr .badge")!.TextContent);
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_post_each_delivery_once()
    {
        var (receiver, _) = await ReceiverAsync("CRM", WebhookEventTypes.AlertRaised);
        var contacts = new List<Guid>();
        await _app.ExecuteAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Contacts).SingleAsync(c => c.Id == _data.Northwind.Id);
            contacts.AddRange(Enumerable.Range(1, 6).Select(i => client.AddContact($"Contact {i}", $"contact{i}@northwind.example", "en").Id));
        });
        for (var i = 0; i < contacts.Count; i++)
        {
            await RatingKit.SubmitAsync(_app, _data, $"WO-{i}", overall: 1, contactId: contacts[i]);
        }

        var handled = await Task.WhenAll(_app.ProcessWebhooksAsync(), _app.ProcessWebhooksAsync());

        Assert.Equal(6, handled.Sum());
        Assert.Equal(6, receiver.Received.Select(r => r.Delivery).Distinct().Count());
        Assert.Equal(6, receiver.Received.Count);
        Assert.Equal(6, await _app.QueryAsync(db => db.WebhookDeliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.Delivered && d.Attempts == 1)));
    }

    [Fact]
    public async Task Only_active_endpoints_subscribed_to_the_event_receive_it()
    {
        var (subscribed, _) = await ReceiverAsync("CRM", WebhookEventTypes.AlertRaised, WebhookEventTypes.GuaranteeInvoked);
        var (otherEvents, _) = await ReceiverAsync("Service desk", WebhookEventTypes.AlertResolved, WebhookEventTypes.GuaranteeInvoked);
        var inactive = new WebhookReceiver(_app.Clock.GetUtcNow);
        _receivers.Add(inactive);
        await inactive.StartAsync();
        await WebhookKit.RegisterAsync(_admin, "Old CRM", inactive.Url, active: false, WebhookEventTypes.AlertRaised);

        await RatingKit.SubmitAsync(_app, _data, "WO-1", overall: 2);
        await _app.ProcessWebhooksAsync();

        Assert.Equal([WebhookEventTypes.AlertRaised], subscribed.Received.Select(r => r.Event));
        Assert.Empty(otherEvents.Received);
        Assert.Empty(inactive.Received);
        Assert.Equal(1, await _app.QueryAsync(db => db.WebhookDeliveries.CountAsync()));
    }

    [Fact]
    public async Task Send_test_event_posts_a_signed_webhook_test_to_that_endpoint_only()
    {
        var (receiver, endpointId) = await ReceiverAsync("CRM", WebhookEventTypes.GuaranteeInvoked);
        var (other, _) = await ReceiverAsync("Service desk", WebhookEventTypes.GuaranteeInvoked);
        var url = $"/Admin/Webhooks/Details/{endpointId}";
        Assert.Contains("Nothing sent yet", (await _admin.GetPageAsync(url)).QuerySelector(".empty-state")!.TextContent, StringComparison.Ordinal);

        var sent = await _admin.PostFormAsync(url, [], "#test-form");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(1, await _app.ProcessWebhooksAsync());

        var received = Assert.Single(receiver.Received);
        Assert.True(received.Verified);
        Assert.Equal(WebhookEventTypes.Test, received.Json.GetProperty("type").GetString());
        Assert.Empty(other.Received);
        Assert.Equal(WebhookEventTypes.Test, (await _admin.GetPageAsync(url)).QuerySelector("#deliveries tbody tr")!.GetAttribute("data-event"));
    }

    [Fact]
    public async Task The_secret_is_shown_once_stored_encrypted_and_a_rotated_secret_signs_what_follows()
    {
        var (receiver, endpointId) = await ReceiverAsync("CRM", WebhookEventTypes.AlertRaised);
        var stored = await _app.QueryAsync(db => db.WebhookEndpoints.Select(e => e.ProtectedSecret).SingleAsync());
        Assert.Matches("^whsec_[0-9a-f]{64}$", receiver.Secret);
        Assert.DoesNotContain(receiver.Secret, stored, StringComparison.Ordinal);
        var url = $"/Admin/Webhooks/Details/{endpointId}";
        Assert.Null((await _admin.GetPageAsync(url)).QuerySelector("#signing-secret"));

        var rotated = await StaffSession.ParseAsync(await _admin.PostFormAsync(url, [], "#rotate-form"));
        var newSecret = rotated.QuerySelector("#signing-secret")!.GetAttribute("value")!;
        Assert.NotEqual(receiver.Secret, newSecret);
        await _admin.PostFormAsync(url, [], "#test-form");
        await _app.ProcessWebhooksAsync();
        Assert.False(Assert.Single(receiver.Received).Verified);

        receiver.Secret = newSecret;
        await _admin.PostFormAsync(url, [], "#test-form");
        await _app.ProcessWebhooksAsync();
        Assert.True(receiver.Received[^1].Verified);
    }

    private async Task<(WebhookReceiver Receiver, Guid EndpointId)> ReceiverAsync(string name, params string[] events)
    {
        var (receiver, id) = await WebhookKit.ReceiverForAsync(_app, _admin, name, events);
        _receivers.Add(receiver);
        return (receiver, id);
    }
}
