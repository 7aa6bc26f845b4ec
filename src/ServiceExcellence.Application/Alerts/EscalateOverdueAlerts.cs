using System.Net;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Alerts;

/// <summary>
/// Run by the scheduler. An alert not acknowledged in time, or not resolved in time, goes to the managers of
/// its teams (level 1); still overdue one acknowledge window later, to the president (level 2). Each level
/// is announced once; the alerts' concurrency tokens keep two instances from doing it twice.
/// </summary>
public static class EscalateOverdueAlerts
{
    public sealed record Command : ICommand<int>;

    public sealed class Handler(IAppDbContext db, IAppLinks links, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var candidates = await db.Alerts
                .Where(a => a.EscalationLevel < 2
                    && ((a.Status == AlertStatus.New && a.AcknowledgeBy < now)
                        || ((a.Status == AlertStatus.Acknowledged || a.Status == AlertStatus.Recovering) && a.ResolveBy < now)))
                .OrderBy(a => a.AcknowledgeBy)
                .Take(200)
                .ToListAsync(cancellationToken);
            var due = candidates
                .Select(alert => (Alert: alert, Level: TargetLevel(alert, now)))
                .Where(d => d.Level > d.Alert.EscalationLevel)
                .ToList();
            var recipients = await LoadRecipientsAsync(due, cancellationToken);
            foreach (var (alert, level) in due)
            {
                alert.Escalate(level, now);
                Notify(alert, level, level == 1 ? recipients.Managers[alert.Id] : recipients.Presidents);
                logger.LogInformation("Alert {AlertId} escalated to level {Level}", alert.Id, level);
            }

            return due.Count;
        }

        /// <summary>1 when past a deadline; 2 when still past it one acknowledge window later.</summary>
        public static int TargetLevel(Alert alert, DateTimeOffset now)
        {
            var window = alert.AcknowledgeBy - alert.CreatedAt;
            var deadline = alert.Status == AlertStatus.New ? alert.AcknowledgeBy : alert.ResolveBy;
            return now > deadline + window ? 2 : now > deadline ? 1 : 0;
        }

        /// <summary>
        /// Everyone the escalations of this round go to, read at once: the active managers of the teams each
        /// level-1 alert is routed to (each person once per alert), and the active presidents for level 2.
        /// </summary>
        private async Task<(Dictionary<Guid, List<(string Email, string Name)>> Managers, List<(string Email, string Name)> Presidents)> LoadRecipientsAsync(
            List<(Alert Alert, int Level)> due, CancellationToken cancellationToken)
        {
            var levelOne = due.Where(d => d.Level == 1).Select(d => d.Alert.Id).ToList();
            var managers = levelOne.ToDictionary(id => id, _ => new List<(string Email, string Name)>());
            if (levelOne.Count > 0)
            {
                var rows = await (
                    from r in db.AlertRoutes
                    where levelOne.Contains(r.AlertId)
                    join t in db.Teams on r.TeamId equals t.Id
                    where t.ManagerId != null
                    join p in db.People on t.ManagerId equals p.Id
                    where p.IsActive
                    select new { r.AlertId, p.Email, p.DisplayName }).Distinct().ToListAsync(cancellationToken);
                foreach (var row in rows)
                {
                    managers[row.AlertId].Add((row.Email, row.DisplayName));
                }
            }

            var presidents = due.Any(d => d.Level == 2)
                ? (await db.People.Where(p => p.Role == StaffRole.President && p.IsActive)
                    .Select(p => new { p.Email, p.DisplayName }).ToListAsync(cancellationToken))
                    .Select(p => (p.Email, p.DisplayName)).ToList()
                : [];
            return (managers, presidents);
        }

        private void Notify(Alert alert, int level, List<(string Email, string Name)> recipients)
        {
            var who = level == 1 ? "the managers of its teams" : "the president";
            var subject = $"[Escalated] {alert.Title}";
            var overdue = alert.Status == AlertStatus.New ? $"not acknowledged since {alert.AcknowledgeBy:yyyy-MM-dd HH:mm} UTC" : $"not resolved since {alert.ResolveBy:yyyy-MM-dd HH:mm} UTC";
            var url = links.Alert(alert.Id);
            var text = $"This {alert.Severity.ToString().ToLowerInvariant()} alert is overdue ({overdue}) and is escalated to {who}.\n\n{alert.Title}\nRevenue at risk: {alert.RevenueAtRisk:N0}\n\nOpen it: {url}\n";
            var html = $"""<!DOCTYPE html><html lang="en"><body style="font:15px/1.5 Arial,sans-serif;color:#1f2933"><p>This {WebUtility.HtmlEncode(alert.Severity.ToString().ToLowerInvariant())} alert is overdue ({WebUtility.HtmlEncode(overdue)}) and is escalated to {who}.</p><p style="font-weight:600">{WebUtility.HtmlEncode(alert.Title)}</p><p>Revenue at risk: {alert.RevenueAtRisk:N0}</p><p><a href="{url}">Open the alert</a></p></body></html>""";
            foreach (var (email, name) in recipients)
            {
                db.OutboxMessages.Add(new OutboxMessage(EmailKinds.AlertEscalated, email, name, subject, text, html, clock.GetUtcNow()));
            }
        }
    }
}
