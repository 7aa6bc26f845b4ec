using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Seeding;

/// <summary>
/// The alerts the default rules would have raised on the demo ratings, worked as a real company would:
/// older ones recovered, coded and closed, recent ones in every open state, a few overdue and escalated.
/// </summary>
internal static class DemoAlerts
{
    private static readonly string[] Recoveries =
    [
        "Called the contact, apologised and re-booked the visit for the next morning.",
        "Credited the disputed line on the invoice and confirmed by email.",
        "Account manager visited the site with the service lead.",
        "Replaced the damaged parts free of charge, delivered by courier.",
    ];

    private static readonly string[] Reactions = ["Accepted the apology", "Satisfied with the credit", "Still cautious, wants a review in a month", "Thanked us for the quick call"];

    private static readonly string[] Causes =
    [
        "Dispatch plans visits without travel time between sites.",
        "Invoices are generated before delivery notes are reconciled.",
        "No owner for callbacks after 5 pm.",
        "Packaging for fragile parts is not specified for couriers.",
    ];

    public static int Seed(AppDbContext db, Random random, DateTimeOffset now, List<Rating> ratings, List<Client> clients, List<ServiceLine> lines,
        List<FailureCategory> categories, List<AlertRule> rules, Dictionary<Guid, Guid> managers)
    {
        var clientById = clients.ToDictionary(c => c.Id);
        var lineById = lines.ToDictionary(l => l.Id);
        var weights = new AlertOptions();
        var initiatives = new List<ImprovementInitiative>
        {
            new("Plan travel time into field dispatch", "Visits are booked back to back across the region.", lines.First(l => l.Code == "REPAIR").OwnerTeamId, now.AddDays(-120)),
            new("Reconcile delivery notes before invoicing", "Billing errors trace back to invoices raised before delivery is confirmed.", lines.First(l => l.Code == "BILLING").OwnerTeamId, now.AddDays(-90)),
        };
        initiatives[0].Update(initiatives[0].Title, initiatives[0].Description, initiatives[0].OwnerTeamId, InitiativeStatus.InProgress, null);
        db.Initiatives.AddRange(initiatives);

        var raised = new List<(Alert Alert, List<FailureCategory> Chosen, ServiceLine Line, Client Client)>();
        foreach (var rating in ratings.OrderBy(r => r.SubmittedAt))
        {
            var chosen = categories.Where(c => rating.FailureCategories.Any(f => f.FailureCategoryId == c.Id)).ToList();
            var fired = RatingRules.Evaluate(rating, rules.Where(r => !r.Kind.IsTrend() && r.Kind != AlertRuleKind.GuaranteeInvoked).ToList(), chosen);
            if (fired.Count == 0)
            {
                continue;
            }

            var client = clientById[rating.ClientId];
            var line = lineById[rating.ServiceLineId];
            var alert = new Alert($"{client.Name}: rated {line.Name} {rating.Overall}/5", client.Id, line.Id, rating.TransactionId, rating.Id,
                client.AnnualRevenue * weights.WeightOf(rating.Overall), fired, rating.SubmittedAt);
            alert.RouteTo(client.ClientTeamId, "client team");
            alert.RouteTo(line.OwnerTeamId, $"operations team of {line.Name}");
            db.Alerts.Add(alert);
            raised.Add((alert, chosen, line, client));
        }

        // The newest alerts are still being worked, in every state; the older ones are done.
        var stages = new[] { 0, 0, 0, 1, 1, 2, 2, 2, 3, 3 };
        var newestFirst = raised.OrderByDescending(r => r.Alert.CreatedAt).ToList();
        for (var i = 0; i < newestFirst.Count; i++)
        {
            var (alert, chosen, line, client) = newestFirst[i];
            Work(alert, random, now, i < stages.Length ? stages[i] : 4, chosen, initiatives, line, managers[client.ClientTeamId], managers[line.OwnerTeamId]);
        }

        var count = raised.Count;
        return count;
    }

    /// <summary>Moves the alert to a stage: 0 new (escalated when overdue), 1 acknowledged, 2 recovering, 3 resolved, 4 closed.</summary>
    private static void Work(Alert alert, Random random, DateTimeOffset now, int stage, List<FailureCategory> chosen,
        List<ImprovementInitiative> initiatives, ServiceLine line, Guid clientManager, Guid operationsManager)
    {
        var raisedAt = alert.CreatedAt;
        if (stage == 0)
        {
            alert.Escalate(EscalateOverdueAlerts.Handler.TargetLevel(alert, now), now);
            return;
        }

        alert.Acknowledge(clientManager, raisedAt.AddHours(random.Next(1, 4)));
        if (stage == 1)
        {
            return;
        }

        alert.RecordRecovery(Recoveries[random.Next(Recoveries.Length)], Reactions[random.Next(Reactions.Length)], clientManager, raisedAt.AddHours(random.Next(4, 24)));
        var initiative = line.Code switch
        {
            "REPAIR" or "INSTALL" => initiatives[0],
            "BILLING" => initiatives[1],
            _ => null,
        };
        if (stage == 2)
        {
            return;
        }

        alert.CodeRootCause(chosen.FirstOrDefault()?.Id, Causes[random.Next(Causes.Length)], initiative?.Id, operationsManager, raisedAt.AddHours(30), chosen.FirstOrDefault()?.Name, initiative?.Title);
        alert.Resolve(clientManager, raisedAt.AddDays(2));
        if (stage == 4)
        {
            alert.Close(clientManager, raisedAt.AddDays(5));
        }
    }
}
