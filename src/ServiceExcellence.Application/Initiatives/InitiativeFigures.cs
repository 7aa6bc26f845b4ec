using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Application.Initiatives;

/// <summary>
/// The figures of an initiative, counted over every alert linked to it (initiatives are company-wide):
/// how many alerts, how many still open, how many distinct clients, and the revenue at risk behind it.
/// </summary>
public sealed record InitiativeFigures(int Alerts, int OpenAlerts, int Clients, decimal RevenueAtRisk)
{
    /// <summary>The formula shown to users beside the figure.</summary>
    public const string Formula =
        "initiative revenue at risk = sum over its distinct clients of the largest revenue at risk among that client's linked alerts";

    public static readonly InitiativeFigures None = new(0, 0, 0, 0m);

    /// <summary>
    /// A client counts once however many of its alerts an initiative addresses: fixing the cause keeps the
    /// client's revenue once, so its largest alert is what is at stake. Alerts about no client (team trends)
    /// count as alerts but add no client and no revenue. Without <paramref name="initiativeId"/>, for every initiative.
    /// </summary>
    public static async Task<Dictionary<Guid, InitiativeFigures>> ForAsync(IAppDbContext db, Guid? initiativeId, CancellationToken cancellationToken)
    {
        var perClient = await db.Alerts.AsNoTracking()
            .Where(a => a.InitiativeId != null && (initiativeId == null || a.InitiativeId == initiativeId))
            .GroupBy(a => new { InitiativeId = a.InitiativeId!.Value, a.ClientId })
            .Select(g => new
            {
                g.Key.InitiativeId,
                g.Key.ClientId,
                Alerts = g.Count(),
                Open = g.Count(a => a.Status == AlertStatus.New || a.Status == AlertStatus.Acknowledged || a.Status == AlertStatus.Recovering),
                Largest = g.Max(a => a.RevenueAtRisk),
            })
            .ToListAsync(cancellationToken);

        return perClient
            .GroupBy(c => c.InitiativeId)
            .ToDictionary(g => g.Key, g => new InitiativeFigures(
                g.Sum(c => c.Alerts),
                g.Sum(c => c.Open),
                g.Count(c => c.ClientId is not null),
                g.Where(c => c.ClientId is not null).Sum(c => c.Largest)));
    }
}
