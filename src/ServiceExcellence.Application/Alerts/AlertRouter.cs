using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Application.Webhooks;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.ServiceLines;

namespace ServiceExcellence.Application.Alerts;

/// <summary>
/// Sends an alert to the client's client team and the service line's operations team, applies the routing
/// rules (which may add teams or replace the defaults), falls back when nothing matched, and emails every
/// active member of the routed teams through the outbox, and announces it to subscribed webhook endpoints.
/// </summary>
public sealed class AlertRouter(IAppDbContext db, IAppLinks links, WebhookEvents webhooks, TimeProvider clock, ILogger<AlertRouter> logger)
{
    public async Task RouteAndNotifyAsync(Alert alert, Client? client, ServiceLine? serviceLine, IReadOnlyCollection<FailureCategory> categories, CancellationToken cancellationToken)
    {
        var rules = await db.RoutingRules.AsNoTracking().ToListAsync(cancellationToken);
        var matching = rules.Where(r => r.Match switch
        {
            RoutingMatch.ClientSegment => client?.Segment is { } segment && string.Equals(segment, r.Value, StringComparison.OrdinalIgnoreCase),
            RoutingMatch.ServiceLine => serviceLine is not null && string.Equals(serviceLine.Code, r.Value, StringComparison.OrdinalIgnoreCase),
            RoutingMatch.FailureCategory => categories.Any(c => string.Equals(c.Name, r.Value, StringComparison.OrdinalIgnoreCase)),
            _ => false,
        }).ToList();

        if (!matching.Any(r => r.ReplacesDefaults))
        {
            if (client is not null)
            {
                alert.RouteTo(client.ClientTeamId, "client team");
            }

            if (serviceLine is not null)
            {
                alert.RouteTo(serviceLine.OwnerTeamId, $"operations team of {serviceLine.Name}");
            }
        }

        foreach (var rule in matching)
        {
            alert.RouteTo(rule.TeamId, $"routing rule: {rule.Match} = {rule.Value}");
        }

        if (alert.Routes.Count == 0)
        {
            foreach (var fallback in rules.Where(r => r.Match == RoutingMatch.Fallback))
            {
                alert.RouteTo(fallback.TeamId, "fallback");
            }
        }

        if (alert.Routes.Count == 0)
        {
            logger.LogWarning("Alert {AlertId} matched no team and no fallback team is set", alert.Id);
            await webhooks.AlertRaisedAsync(alert, cancellationToken);
            return;
        }

        await NotifyAsync(alert, cancellationToken);
    }

    /// <summary>
    /// Emails every active member of the teams the alert is already routed to (a team trend is routed by its rule, not here),
    /// and writes the <c>alert.raised</c> webhook event.
    /// </summary>
    public async Task NotifyAsync(Alert alert, CancellationToken cancellationToken)
    {
        var teamIds = alert.Routes.Select(r => r.TeamId).ToList();
        var recipients = await (
            from m in db.TeamMemberships
            where teamIds.Contains(m.TeamId)
            join p in db.People on m.PersonId equals p.Id
            where p.IsActive
            select new { p.Email, p.DisplayName })
            .Distinct()
            .ToListAsync(cancellationToken);
        var teamNames = await db.Teams.Where(t => teamIds.Contains(t.Id)).Select(t => t.Name).ToListAsync(cancellationToken);
        var (subject, text, html) = Compose(alert, string.Join(", ", teamNames));
        foreach (var recipient in recipients)
        {
            db.OutboxMessages.Add(new OutboxMessage(EmailKinds.AlertRaised, recipient.Email, recipient.DisplayName, subject, text, html, clock.GetUtcNow()));
        }

        await webhooks.AlertRaisedAsync(alert, cancellationToken);
    }

    private (string Subject, string Text, string Html) Compose(Alert alert, string teams)
    {
        var url = links.Alert(alert.Id);
        var reasons = string.Join("; ", alert.Triggers.Select(t => t.Detail));
        var subject = $"[{alert.Severity}] {alert.Title}";
        // Staff emails are in English whatever the language of the customer whose rating raised the alert.
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            A new {alert.Severity.ToString().ToLowerInvariant()} alert for {teams}.

            {alert.Title}
            Why: {reasons}
            Revenue at risk: {alert.RevenueAtRisk:N0}
            Acknowledge by: {alert.AcknowledgeBy:yyyy-MM-dd HH:mm} UTC

            Open it: {url}
            """);
        static string H(string value) => WebUtility.HtmlEncode(value);
        var html = string.Create(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html><html lang="en"><body style="font:15px/1.5 Arial,sans-serif;color:#1f2933">
            <p>A new <strong>{H(alert.Severity.ToString().ToLowerInvariant())}</strong> alert for {H(teams)}.</p>
            <p style="font-size:17px;font-weight:600">{H(alert.Title)}</p>
            <p>Why: {H(reasons)}<br>Revenue at risk: {alert.RevenueAtRisk:N0}<br>Acknowledge by: {alert.AcknowledgeBy:yyyy-MM-dd HH:mm} UTC</p>
            <p><a href="{url}" style="color:#0b4f6c">Open the alert</a></p>
            </body></html>
            """);
        return (subject, text, html);
    }
}
