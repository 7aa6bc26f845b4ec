using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Seeding;

/// <summary>
/// Guarantee invocations over the demo's six months, through every channel and in every state — the old ones
/// settled or withdrawn, the recent ones agreed or still open — each with the critical alert the guarantee rule raised.
/// </summary>
internal static class DemoGuarantees
{
    private static readonly (int DaysAgo, GuaranteeChannel Channel, GuaranteeStatus Status, decimal Worth, bool WithTransaction, string Reason)[] Plan =
    [
        (170, GuaranteeChannel.PhoneCall, GuaranteeStatus.Settled, 0.4m, true, "The repair had to be redone twice; we lost a day of production."),
        (150, GuaranteeChannel.Email, GuaranteeStatus.Withdrawn, 0.5m, true, "Invoice seemed too high; it turned out our purchasing had the wrong quote."),
        (120, GuaranteeChannel.SurveyLink, GuaranteeStatus.Settled, 0.0m, true, "Nobody came on the agreed day and nobody called to say so."),
        (95, GuaranteeChannel.PhoneCall, GuaranteeStatus.Settled, 0.6m, true, "Delivery arrived damaged and the replacement took two weeks."),
        (70, GuaranteeChannel.SurveyLink, GuaranteeStatus.Withdrawn, 0.7m, true, "The order was incomplete — the rest arrived the next morning after all."),
        (52, GuaranteeChannel.Other, GuaranteeStatus.Settled, 0.5m, false, "Told the account manager at our quarterly review: support was slow all month."),
        (45, GuaranteeChannel.SurveyLink, GuaranteeStatus.Settled, 0.25m, true, "The installation left the site in a mess and the unit still rattles."),
        (30, GuaranteeChannel.PhoneCall, GuaranteeStatus.Agreed, 0.5m, true, "Billed twice for the same visit, and it took three calls to get an answer."),
        (12, GuaranteeChannel.SurveyLink, GuaranteeStatus.Agreed, 0.3m, true, "The engineer did not have the part and left without telling us when he would be back."),
        (5, GuaranteeChannel.PhoneCall, GuaranteeStatus.Open, 0.5m, true, "Support promised a callback within the hour; it came the next day."),
        (1, GuaranteeChannel.SurveyLink, GuaranteeStatus.Open, 0.2m, true, "Order entered with the wrong quantities; we had to send half of it back."),
    ];

    public static int Seed(AppDbContext db, DateTimeOffset now, List<Transaction> transactions, List<Client> clients, List<ServiceLine> lines, List<AlertRule> rules, Guid presidentId)
    {
        var rule = rules.FirstOrDefault(r => r.Kind == AlertRuleKind.GuaranteeInvoked && r.IsEnabled);
        var clientById = clients.ToDictionary(c => c.Id);
        var lineById = lines.ToDictionary(l => l.Id);
        var weights = new AlertOptions();
        var used = new HashSet<Guid>();
        foreach (var (daysAgo, channel, status, worth, withTransaction, reason) in Plan)
        {
            var target = now.AddDays(-daysAgo - 1);
            var transaction = transactions.Where(t => !used.Contains(t.Id) && t.OccurredAt <= now.AddDays(-daysAgo))
                .MinBy(t => Math.Abs((t.OccurredAt - target).TotalHours))!;
            used.Add(transaction.Id);
            var client = clientById[transaction.ClientId];
            var line = lineById[transaction.ServiceLineId];
            var invoked = now.AddDays(-daysAgo).AddHours(-3);
            var invoiced = withTransaction ? transaction.InvoicedAmount : 1_200m;
            var chosen = Math.Round(invoiced * worth, 0);
            var invocation = new GuaranteeInvocation(client.Id, transaction.ContactId, withTransaction ? transaction.Id : null, channel, invoiced, transaction.Currency,
                chosen, reason, invoked, channel == GuaranteeChannel.SurveyLink ? null : presidentId);
            Work(invocation, status, presidentId, invoked, now);
            db.GuaranteeInvocations.Add(invocation);
            if (rule is not null)
            {
                db.Alerts.Add(AlertOf(invocation, rule, client, withTransaction ? line : null, weights, presidentId, now));
            }
        }

        return Plan.Length;
    }

    private static void Work(GuaranteeInvocation invocation, GuaranteeStatus status, Guid presidentId, DateTimeOffset invoked, DateTimeOffset now)
    {
        var called = invoked.AddHours(2);
        switch (status)
        {
            case GuaranteeStatus.Settled:
                invocation.Annotate("Called the client the same day and apologised; agreed the amount they named.", null, presidentId, called);
                invocation.Settle(invocation.ChosenAmount, creditIssued: true, invocation.PresidentNotes, DateOnly.FromDateTime(invoked.AddDays(30).UtcDateTime), presidentId, invoked.AddDays(2));
                break;
            case GuaranteeStatus.Withdrawn:
                invocation.Annotate("Spoke with the client: the misunderstanding was cleared up and they withdrew the claim.", null, presidentId, called);
                invocation.Withdraw(invocation.PresidentNotes, presidentId, invoked.AddDays(1));
                break;
            case GuaranteeStatus.Agreed:
                invocation.Settle(invocation.ChosenAmount, creditIssued: false, "Agreed on the phone; finance to issue the credit note.",
                    DateOnly.FromDateTime(now.AddDays(7).UtcDateTime), presidentId, called);
                break;
            default:
                if (now - invoked > TimeSpan.FromDays(2))
                {
                    invocation.Annotate("Left a voicemail; try again.", DateOnly.FromDateTime(now.AddDays(-1).UtcDateTime), presidentId, called);
                }

                break;
        }
    }

    /// <summary>The alert the guarantee rule raised, worked alongside the invocation: closed once it is settled or withdrawn.</summary>
    private static Alert AlertOf(GuaranteeInvocation invocation, AlertRule rule, Client client, ServiceLine? line, AlertOptions weights, Guid presidentId, DateTimeOffset now)
    {
        var amounts = FormattableString.Invariant($"pays {invocation.ChosenAmount:0.00} of {invocation.InvoicedAmount:0.00} {invocation.Currency}");
        var raised = invocation.CreatedAt;
        var alert = new Alert($"{client.Name}: guarantee invoked ({amounts})", client.Id, line?.Id, invocation.TransactionId, null,
            client.AnnualRevenue * weights.WeightGuarantee, [(rule, $"guarantee invoked by {invocation.Channel}: {amounts}")], raised, AlertRaiser.GuaranteeSubject(invocation.Id));
        alert.RouteTo(client.ClientTeamId, "client team");
        if (line is not null)
        {
            alert.RouteTo(line.OwnerTeamId, $"operations team of {line.Name}");
        }

        if (invocation.Status == GuaranteeStatus.Open && now - raised < TimeSpan.FromDays(2))
        {
            alert.Escalate(EscalateOverdueAlerts.Handler.TargetLevel(alert, now), now);
            return alert;
        }

        alert.Acknowledge(presidentId, raised.AddHours(1));
        if (invocation.Status == GuaranteeStatus.Open)
        {
            return alert;
        }

        alert.RecordRecovery(invocation.Status == GuaranteeStatus.Withdrawn ? "The president called the client; the claim was withdrawn." : "The president called the client and agreed the amount under the guarantee.",
            invocation.Status == GuaranteeStatus.Withdrawn ? "Relieved it was cleared up" : "Accepted the offer", presidentId, raised.AddHours(2));
        if (invocation.Status == GuaranteeStatus.Agreed)
        {
            return alert;
        }

        alert.Resolve(presidentId, raised.AddDays(2));
        alert.Close(presidentId, raised.AddDays(5));
        return alert;
    }
}
