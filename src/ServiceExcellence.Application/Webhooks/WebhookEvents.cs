using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.Webhooks;

namespace ServiceExcellence.Application.Webhooks;

/// <summary>
/// Writes an event as one delivery per active endpoint subscribed to its type, into the command's own database
/// transaction: the event leaves if and only if the change that caused it is committed. Payloads carry ids,
/// external references, names of organisations and figures — never customers' comments, guarantee reasons or
/// contact details (docs/api.md lists the fields).
/// </summary>
public sealed class WebhookEvents(IAppDbContext db, IAppLinks links, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task AlertRaisedAsync(Alert alert, CancellationToken cancellationToken)
    {
        var endpoints = await SubscribersAsync(WebhookEventTypes.AlertRaised, cancellationToken);
        if (endpoints.Count > 0)
        {
            Publish(WebhookEventTypes.AlertRaised, await AlertDataAsync(alert, cancellationToken), endpoints);
        }
    }

    public async Task AlertResolvedAsync(Alert alert, CancellationToken cancellationToken)
    {
        var endpoints = await SubscribersAsync(WebhookEventTypes.AlertResolved, cancellationToken);
        if (endpoints.Count > 0)
        {
            Publish(WebhookEventTypes.AlertResolved, await AlertDataAsync(alert, cancellationToken), endpoints);
        }
    }

    public async Task GuaranteeInvokedAsync(GuaranteeInvocation invocation, Guid? alertId, CancellationToken cancellationToken)
    {
        var endpoints = await SubscribersAsync(WebhookEventTypes.GuaranteeInvoked, cancellationToken);
        if (endpoints.Count == 0)
        {
            return;
        }

        var data = new
        {
            Guarantee = new
            {
                invocation.Id,
                Channel = invocation.Channel.ToString(),
                Status = invocation.Status.ToString(),
                invocation.InvoicedAmount,
                invocation.ChosenAmount,
                invocation.Currency,
                InvokedAt = invocation.CreatedAt,
                Url = links.Guarantee(invocation.Id),
            },
            AlertId = alertId,
            Client = await ClientAsync(invocation.ClientId, cancellationToken),
            Transaction = await TransactionAsync(invocation.TransactionId, cancellationToken),
        };
        Publish(WebhookEventTypes.GuaranteeInvoked, data, endpoints);
    }

    /// <summary>The one event an administrator sends to one endpoint to try it.</summary>
    public WebhookDelivery Test(Guid endpointId)
    {
        var (eventId, body) = Envelope(WebhookEventTypes.Test, new { Message = "A test event from ServiceExcellence. No action is needed." });
        var delivery = new WebhookDelivery(endpointId, eventId, WebhookEventTypes.Test, body, clock.GetUtcNow());
        db.WebhookDeliveries.Add(delivery);
        return delivery;
    }

    private async Task<List<Guid>> SubscribersAsync(string eventType, CancellationToken cancellationToken)
    {
        // A handful of endpoints at most: filtered in memory rather than with a LIKE over the subscription column.
        var active = await db.WebhookEndpoints.AsNoTracking().Where(e => e.IsActive).ToListAsync(cancellationToken);
        return active.Where(e => e.IsSubscribedTo(eventType)).Select(e => e.Id).ToList();
    }

    private void Publish(string eventType, object data, IReadOnlyList<Guid> endpointIds)
    {
        var (eventId, body) = Envelope(eventType, data);
        foreach (var endpointId in endpointIds)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery(endpointId, eventId, eventType, body, clock.GetUtcNow()));
        }
    }

    private (Guid EventId, string Body) Envelope(string eventType, object data)
    {
        var id = Guid.CreateVersion7();
        return (id, JsonSerializer.Serialize(new { Id = id, Type = eventType, OccurredAt = clock.GetUtcNow(), Data = data }, Json));
    }

    private async Task<object> AlertDataAsync(Alert alert, CancellationToken cancellationToken)
    {
        // A new alert's routes and triggers are in memory only; an alert loaded for a change has neither loaded.
        var teamIds = alert.Routes.Count > 0
            ? alert.Routes.Select(r => r.TeamId).ToList()
            : await db.AlertRoutes.AsNoTracking().Where(r => r.AlertId == alert.Id).Select(r => r.TeamId).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var triggers = alert.Triggers.Count > 0
            ? alert.Triggers.Select(t => t.RuleName).ToList()
            : await db.AlertTriggers.AsNoTracking().Where(t => t.AlertId == alert.Id).Select(t => t.RuleName).ToListAsync(cancellationToken);

        // The rating of a new alert is not saved yet: look among the command's own changes first.
        var overall = alert.RatingId is not { } ratingId
            ? null
            : db.Ratings.Local.FirstOrDefault(r => r.Id == ratingId)?.Overall
              ?? await db.Ratings.AsNoTracking().Where(r => r.Id == ratingId).Select(r => (int?)r.Overall).SingleOrDefaultAsync(cancellationToken);
        var serviceLine = alert.ServiceLineId is { } serviceLineId
            ? await db.ServiceLines.AsNoTracking().Where(s => s.Id == serviceLineId).Select(s => new { s.Id, s.Code, s.Name }).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new
        {
            Alert = new
            {
                alert.Id,
                alert.Title,
                Severity = alert.Severity.ToString(),
                Status = alert.Status.ToString(),
                alert.RevenueAtRisk,
                alert.Priority,
                RaisedAt = alert.CreatedAt,
                alert.AcknowledgeBy,
                alert.ResolveBy,
                alert.ResolvedAt,
                Rules = triggers,
                Teams = teams,
                Url = links.Alert(alert.Id),
            },
            Client = alert.ClientId is { } clientId ? await ClientAsync(clientId, cancellationToken) : null,
            ServiceLine = serviceLine,
            Transaction = await TransactionAsync(alert.TransactionId, cancellationToken),
            Rating = alert.RatingId is { } id ? new { Id = id, Overall = overall } : null,
        };
    }

    private async Task<object?> ClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Id, c.ExternalId, c.Name }).SingleOrDefaultAsync(cancellationToken);

    private async Task<object?> TransactionAsync(Guid? transactionId, CancellationToken cancellationToken) =>
        transactionId is { } id
            ? await db.Transactions.AsNoTracking().Where(t => t.Id == id)
                .Select(t => new { t.Id, t.SourceSystem, t.ExternalReference, t.OccurredAt }).SingleOrDefaultAsync(cancellationToken)
            : null;
}
