using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Surveys;

namespace ServiceExcellence.Application.Alerts;

/// <summary>
/// Run by the scheduler. Each enabled trend rule aggregates ratings or invitations in the database (one GROUP BY
/// query per rule, never loading ratings) and raises an alert per client or team whose trend trips it — unless an
/// open alert about the same subject (<see cref="Alert.SubjectKey"/>) exists, so running it again, or on another
/// instance, does not raise the same alert twice. (Two instances evaluating in the same instant could each raise one;
/// a unique index on the open subject keys would close that gap, at the cost of a migration.) Returns the number raised.
/// </summary>
public static class EvaluateTrendRules
{
    public sealed record Command : ICommand<int>;

    public sealed class Handler(IAppDbContext db, AlertRouter router, IOptions<AlertOptions> options, TimeProvider clock, ILogger<Handler> logger)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var rules = await db.AlertRules.AsNoTracking()
                .Where(r => r.IsEnabled && (r.Kind == AlertRuleKind.ClientAverageDrop || r.Kind == AlertRuleKind.TeamCsatBelowTarget || r.Kind == AlertRuleKind.ResponseRateCollapse))
                .ToListAsync(cancellationToken);
            if (rules.Count == 0)
            {
                return 0;
            }

            var openSubjects = (await db.Alerts
                .Where(a => a.SubjectKey != null && (a.Status == AlertStatus.New || a.Status == AlertStatus.Acknowledged || a.Status == AlertStatus.Recovering))
                .Select(a => a.SubjectKey!)
                .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var now = clock.GetUtcNow();
            var raised = 0;
            // With two rules of one kind, the more severe raises the subject's alert; the other waits until it is closed.
            foreach (var rule in rules.OrderByDescending(r => r.Severity))
            {
                if (rule.Threshold is not { } threshold || rule.WindowDays < 1 || (rule.BaselineDays < 1 && rule.Kind != AlertRuleKind.TeamCsatBelowTarget))
                {
                    logger.LogWarning("Trend rule {RuleId} ({Kind}) has no threshold or no window and is skipped", rule.Id, rule.Kind);
                    continue;
                }

                var windowStart = now.AddDays(-rule.WindowDays);
                var baselineStart = windowStart.AddDays(-rule.BaselineDays);
                raised += rule.Kind switch
                {
                    AlertRuleKind.ClientAverageDrop => await RaiseForAverageDropsAsync(rule, threshold, baselineStart, windowStart, now, openSubjects, cancellationToken),
                    AlertRuleKind.TeamCsatBelowTarget => await RaiseForTeamCsatAsync(rule, threshold, windowStart, now, openSubjects, cancellationToken),
                    _ => await RaiseForResponseRatesAsync(rule, threshold, baselineStart, windowStart, now, openSubjects, cancellationToken),
                };
            }

            return raised;
        }

        /// <summary>
        /// Per client: count and sum of overall scores in the baseline and in the window, in one pass over the ratings
        /// of both periods (the SubmittedAt index bounds the scan); only clients with enough ratings in both come back.
        /// </summary>
        public static IQueryable<TrendRules.ClientAverages> ClientAverages(IAppDbContext db, DateTimeOffset baselineStart, DateTimeOffset windowStart, DateTimeOffset now) =>
            db.Ratings
                .Where(r => r.SubmittedAt >= baselineStart && r.SubmittedAt <= now)
                .GroupBy(r => r.ClientId)
                .Select(g => new TrendRules.ClientAverages
                {
                    ClientId = g.Key,
                    BaselineRatings = g.Count(r => r.SubmittedAt < windowStart),
                    BaselineTotal = g.Sum(r => r.SubmittedAt < windowStart ? r.Overall : 0),
                    WindowRatings = g.Count(r => r.SubmittedAt >= windowStart),
                    WindowTotal = g.Sum(r => r.SubmittedAt >= windowStart ? r.Overall : 0),
                })
                .Where(a => a.BaselineRatings >= TrendRules.MinRatingsPerPeriod && a.WindowRatings >= TrendRules.MinRatingsPerPeriod);

        /// <summary>Per performing team: ratings in the window and how many were 4 or 5.</summary>
        public static IQueryable<TrendRules.TeamCsat> TeamCsat(IAppDbContext db, DateTimeOffset windowStart, DateTimeOffset now) =>
            db.Ratings
                .Where(r => r.TeamId != null && r.SubmittedAt >= windowStart && r.SubmittedAt <= now)
                .GroupBy(r => r.TeamId!.Value)
                .Select(g => new TrendRules.TeamCsat { TeamId = g.Key, Ratings = g.Count(), Satisfied = g.Count(r => r.Overall >= 4) })
                .Where(t => t.Ratings >= TrendRules.MinTeamRatings);

        /// <summary>
        /// Per client: invitations sent in each period, and how many of them were answered. Placed in time by when they were
        /// sent, not created (the same moment, give or take the outbox): invitations have no index on CreatedAt, and the
        /// (Status, SentAt) index — searched with the statuses listed — keeps this fast at a million invitations, where a plan
        /// driven from Transactions took 10–20 s on SQLite without statistics. Suppressed and never-sent invitations have no SentAt.
        /// </summary>
        public static IQueryable<TrendRules.ClientResponseRates> ClientResponseRates(IAppDbContext db, DateTimeOffset baselineStart, DateTimeOffset windowStart, DateTimeOffset now) =>
            (from i in db.SurveyInvitations
             where (i.Status == InvitationStatus.Pending || i.Status == InvitationStatus.Sent || i.Status == InvitationStatus.Failed
                    || i.Status == InvitationStatus.Opened || i.Status == InvitationStatus.Responded || i.Status == InvitationStatus.Expired)
                && i.SentAt >= baselineStart && i.SentAt <= now
             join t in db.Transactions on i.TransactionId equals t.Id
             group i by t.ClientId into g
             select new TrendRules.ClientResponseRates
             {
                 ClientId = g.Key,
                 BaselineSent = g.Count(i => i.SentAt < windowStart),
                 BaselineAnswered = g.Count(i => i.SentAt < windowStart && i.RespondedAt != null),
                 WindowSent = g.Count(i => i.SentAt >= windowStart),
                 WindowAnswered = g.Count(i => i.SentAt >= windowStart && i.RespondedAt != null),
             })
            .Where(r => r.BaselineSent >= TrendRules.MinInvitationsPerPeriod && r.WindowSent >= TrendRules.MinInvitationsPerPeriod);

        private async Task<int> RaiseForAverageDropsAsync(AlertRule rule, decimal threshold, DateTimeOffset baselineStart, DateTimeOffset windowStart, DateTimeOffset now,
            HashSet<string> openSubjects, CancellationToken cancellationToken)
        {
            var dropped = (await ClientAverages(db, baselineStart, windowStart, now).ToListAsync(cancellationToken))
                .Where(a => a.Fires(threshold) && !openSubjects.Contains(AverageDropKey(a.ClientId)))
                .ToList();
            var clientIds = dropped.Select(a => a.ClientId).ToList();
            var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            var raised = 0;
            foreach (var averages in dropped)
            {
                if (!clients.TryGetValue(averages.ClientId, out var client))
                {
                    continue;
                }

                var revenueAtRisk = client.AnnualRevenue * options.Value.WeightOf(averages.RoundedWindowAverage);
                var alert = Raise(rule, averages.Title(client.Name, rule.WindowDays), averages.Detail(rule.WindowDays, rule.BaselineDays, threshold),
                    client.Id, revenueAtRisk, AverageDropKey(client.Id), now, openSubjects);
                await router.RouteAndNotifyAsync(alert, client, null, [], cancellationToken);
                raised++;
            }

            return raised;
        }

        private async Task<int> RaiseForTeamCsatAsync(AlertRule rule, decimal threshold, DateTimeOffset windowStart, DateTimeOffset now,
            HashSet<string> openSubjects, CancellationToken cancellationToken)
        {
            var below = (await TeamCsat(db, windowStart, now).ToListAsync(cancellationToken))
                .Where(t => t.Fires(threshold) && !openSubjects.Contains(TeamCsatKey(t.TeamId)))
                .ToList();
            var teamIds = below.Select(t => t.TeamId).ToList();
            var teamNames = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            var raised = 0;
            foreach (var csat in below)
            {
                if (!teamNames.TryGetValue(csat.TeamId, out var teamName))
                {
                    continue;
                }

                // A team's own trend is no client's revenue, and it goes to that team alone, not through the client routing rules.
                var alert = Raise(rule, csat.Title(teamName, rule.WindowDays, threshold), csat.Detail(rule.WindowDays, threshold),
                    null, 0m, TeamCsatKey(csat.TeamId), now, openSubjects);
                alert.RouteTo(csat.TeamId, "team trend");
                await router.NotifyAsync(alert, cancellationToken);
                raised++;
            }

            return raised;
        }

        private async Task<int> RaiseForResponseRatesAsync(AlertRule rule, decimal threshold, DateTimeOffset baselineStart, DateTimeOffset windowStart, DateTimeOffset now,
            HashSet<string> openSubjects, CancellationToken cancellationToken)
        {
            var collapsed = (await ClientResponseRates(db, baselineStart, windowStart, now).ToListAsync(cancellationToken))
                .Where(r => r.Fires(threshold) && !openSubjects.Contains(ResponseRateKey(r.ClientId)))
                .ToList();
            var clientIds = collapsed.Select(r => r.ClientId).ToList();
            var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            var raised = 0;
            foreach (var rates in collapsed)
            {
                if (!clients.TryGetValue(rates.ClientId, out var client))
                {
                    continue;
                }

                // Silence is a milder signal than a poor score: priced like a 3, the weakest churn weight.
                var revenueAtRisk = client.AnnualRevenue * options.Value.WeightScore3;
                var alert = Raise(rule, rates.Title(client.Name, rule.WindowDays), rates.Detail(rule.WindowDays, rule.BaselineDays, threshold),
                    client.Id, revenueAtRisk, ResponseRateKey(client.Id), now, openSubjects);
                await router.RouteAndNotifyAsync(alert, client, null, [], cancellationToken);
                raised++;
            }

            return raised;
        }

        private Alert Raise(AlertRule rule, string title, string detail, Guid? clientId, decimal revenueAtRisk, string subjectKey, DateTimeOffset now, HashSet<string> openSubjects)
        {
            var alert = new Alert(title, clientId, null, null, null, revenueAtRisk, [(rule, detail)], now, subjectKey);
            db.Alerts.Add(alert);
            openSubjects.Add(subjectKey);
            logger.LogInformation("Trend alert {AlertId} raised by rule {RuleId} for {SubjectKey}", alert.Id, rule.Id, subjectKey);
            return alert;
        }

        private static string AverageDropKey(Guid clientId) => $"client:{clientId}:average-drop";

        private static string TeamCsatKey(Guid teamId) => $"team:{teamId}:csat";

        private static string ResponseRateKey(Guid clientId) => $"client:{clientId}:response-rate";
    }
}
