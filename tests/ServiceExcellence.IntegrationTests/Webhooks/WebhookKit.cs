using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Domain.Webhooks;
using ServiceExcellence.Infrastructure.Webhooks;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Webhooks;

/// <summary>Helpers of the webhook tests: register an endpoint through the admin form, and run the dispatcher once.</summary>
public static class WebhookKit
{
    /// <summary>Registers an endpoint as an administrator does; returns its id and the signing secret shown once.</summary>
    public static async Task<(Guid Id, string Secret)> RegisterAsync(StaffSession admin, string name, string url, bool active = true, params string[] events)
    {
        var response = await admin.PostFormAsync("/Admin/Webhooks/Edit", new()
        {
            ["Input.Name"] = name,
            ["Input.Url"] = url,
            ["Input.AlertRaised"] = Checked(events, WebhookEventTypes.AlertRaised),
            ["Input.AlertResolved"] = Checked(events, WebhookEventTypes.AlertResolved),
            ["Input.GuaranteeInvoked"] = Checked(events, WebhookEventTypes.GuaranteeInvoked),
            ["Input.IsActive"] = active ? "true" : "false",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        var secret = page.QuerySelector("#signing-secret")?.GetAttribute("value") ?? throw new InvalidOperationException("No secret shown: " + page.QuerySelector("main")?.TextContent);
        var link = page.QuerySelector("#secret-card a[href*='/Admin/Webhooks/Details/']")!.GetAttribute("href")!;
        return (Guid.Parse(link.Split('/')[^1]), secret);
    }

    /// <summary>A receiver on loopback registered for <paramref name="events"/>, holding the secret it was given.</summary>
    public static async Task<(WebhookReceiver Receiver, Guid EndpointId)> ReceiverForAsync(AppFactory app, StaffSession admin, string name, params string[] events)
    {
        var receiver = new WebhookReceiver(app.Clock.GetUtcNow);
        await receiver.StartAsync();
        var (id, secret) = await RegisterAsync(admin, name, receiver.Url, true, events);
        receiver.Secret = secret;
        return (receiver, id);
    }

    /// <summary>Runs the webhook dispatcher once, as the background service would; returns how many deliveries it attempted.</summary>
    public static async Task<int> ProcessWebhooksAsync(this AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookProcessor>().ProcessDueAsync(CancellationToken.None);
    }

    private static string Checked(string[] events, string type) => events.Contains(type) ? "true" : "false";
}
