using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Application.Initiatives;

/// <summary>
/// Every improvement initiative, ranked by the revenue at risk behind it ("return on satisfaction"), then
/// newest first. Initiatives are company-wide: any member of staff sees all of them and their figures.
/// </summary>
public static class ListInitiatives
{
    public enum StatusFilter
    {
        /// <summary>Proposed or in progress: not done, not dropped.</summary>
        Active,
        Proposed,
        InProgress,
        Done,
        Dropped,
        Any,
    }

    public sealed record Query(StatusFilter Status = StatusFilter.Active, Guid? TeamId = null) : IQuery<Model>;

    /// <summary>
    /// The initiatives, highest revenue at risk first; <c>NoneYet</c> when no initiative exists at all (not merely
    /// none that matches the filters); the formulas of an initiative's and of an alert's revenue at risk.
    /// </summary>
    public sealed record Model(IReadOnlyList<Row> Initiatives, bool NoneYet, string Formula, string AlertFormula);

    /// <summary>One initiative; <c>SharePercent</c> is its revenue at risk as a percentage of the first (largest) row's, for the bar beside the figure.</summary>
    public sealed record Row(
        Guid Id, string Title, Guid OwnerTeamId, string OwnerTeam, InitiativeStatus Status, DateTimeOffset CreatedAt,
        int OpenAlerts, int Alerts, int Clients, decimal RevenueAtRisk, int SharePercent);

    public sealed class Handler(IAppDbContext db, IOptions<AlertOptions> options) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var initiatives = db.Initiatives.AsNoTracking();
            initiatives = query.Status switch
            {
                StatusFilter.Any => initiatives,
                StatusFilter.Proposed => initiatives.Where(i => i.Status == InitiativeStatus.Proposed),
                StatusFilter.InProgress => initiatives.Where(i => i.Status == InitiativeStatus.InProgress),
                StatusFilter.Done => initiatives.Where(i => i.Status == InitiativeStatus.Done),
                StatusFilter.Dropped => initiatives.Where(i => i.Status == InitiativeStatus.Dropped),
                _ => initiatives.Where(i => i.Status == InitiativeStatus.Proposed || i.Status == InitiativeStatus.InProgress),
            };

            if (query.TeamId is { } teamId)
            {
                initiatives = initiatives.Where(i => i.OwnerTeamId == teamId);
            }

            var found = await initiatives
                .Join(db.Teams, i => i.OwnerTeamId, t => t.Id, (i, t) => new { i.Id, i.Title, i.OwnerTeamId, OwnerTeam = t.Name, i.Status, i.CreatedAt })
                .ToListAsync(cancellationToken);
            var figures = await InitiativeFigures.ForAsync(db, initiativeId: null, cancellationToken);

            // Ranked in memory: the figure is an aggregate of aggregates, and initiatives are few.
            var ranked = found
                .Select(i => (Initiative: i, Figures: figures.GetValueOrDefault(i.Id, InitiativeFigures.None)))
                .OrderByDescending(x => x.Figures.RevenueAtRisk)
                .ThenByDescending(x => x.Initiative.CreatedAt)
                .ToList();
            var top = ranked.Count == 0 ? 0m : ranked[0].Figures.RevenueAtRisk;
            var rows = ranked
                .Select(x => new Row(
                    x.Initiative.Id, x.Initiative.Title, x.Initiative.OwnerTeamId, x.Initiative.OwnerTeam, x.Initiative.Status, x.Initiative.CreatedAt,
                    x.Figures.OpenAlerts, x.Figures.Alerts, x.Figures.Clients, x.Figures.RevenueAtRisk,
                    top > 0 ? (int)Math.Round(x.Figures.RevenueAtRisk / top * 100m, MidpointRounding.AwayFromZero) : 0))
                .ToList();

            var noneYet = rows.Count == 0 && !await db.Initiatives.AnyAsync(cancellationToken);
            return new Model(rows, noneYet, InitiativeFigures.Formula, options.Value.Formula);
        }
    }
}
