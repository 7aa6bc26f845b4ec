using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Application.Initiatives;

/// <summary>
/// One initiative with its company-wide figures and the linked alerts the caller may see; the alerts routed
/// only to other teams are counted, not listed.
/// </summary>
public static class InitiativeDetails
{
    public sealed record Query(Guid Id) : IQuery<Model>;

    /// <summary>
    /// The initiative; <c>Alerts</c> are the linked alerts the caller may see (open first, then by revenue at risk),
    /// <c>HiddenAlerts</c> counts those they may not see (routed only to teams they are not in).
    /// </summary>
    public sealed record Model(
        Guid Id, string Title, string? Description, Guid OwnerTeamId, string OwnerTeam, TeamKind OwnerTeamKind,
        InitiativeStatus Status, string? OutcomeNote, DateTimeOffset CreatedAt,
        InitiativeFigures Figures, string Formula, string AlertFormula,
        IReadOnlyList<AlertRow> Alerts, int HiddenAlerts);

    public sealed record AlertRow(Guid Id, string Title, string? Client, AlertSeverity Severity, AlertStatus Status, decimal RevenueAtRisk, DateTimeOffset CreatedAt)
    {
        public bool IsOpen => Status is AlertStatus.New or AlertStatus.Acknowledged or AlertStatus.Recovering;
    }

    public sealed class Handler(IAppDbContext db, AlertAccess access, IOptions<AlertOptions> options) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var initiative = await db.Initiatives.AsNoTracking()
                .Where(i => i.Id == query.Id)
                .Join(db.Teams, i => i.OwnerTeamId, t => t.Id, (i, t) => new
                {
                    i.Id,
                    i.Title,
                    i.Description,
                    i.OwnerTeamId,
                    OwnerTeam = t.Name,
                    OwnerTeamKind = t.Kind,
                    i.Status,
                    i.OutcomeNote,
                    i.CreatedAt,
                })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The initiative");

            var figures = (await InitiativeFigures.ForAsync(db, initiative.Id, cancellationToken)).GetValueOrDefault(initiative.Id, InitiativeFigures.None);
            var visible = await access.VisibleAsync(cancellationToken);
            var alerts = (await visible.AsNoTracking()
                .Where(a => a.InitiativeId == initiative.Id)
                .Select(a => new AlertRow(
                    a.Id, a.Title,
                    db.Clients.Where(c => c.Id == a.ClientId).Select(c => c.Name).FirstOrDefault(),
                    a.Severity, a.Status, a.RevenueAtRisk, a.CreatedAt))
                .ToListAsync(cancellationToken))
                .OrderByDescending(a => a.IsOpen)
                .ThenByDescending(a => a.RevenueAtRisk)
                .ThenByDescending(a => a.CreatedAt)
                .ToList();

            return new Model(
                initiative.Id, initiative.Title, initiative.Description, initiative.OwnerTeamId, initiative.OwnerTeam, initiative.OwnerTeamKind,
                initiative.Status, initiative.OutcomeNote, initiative.CreatedAt,
                figures, InitiativeFigures.Formula, options.Value.Formula,
                alerts, figures.Alerts - alerts.Count);
        }
    }
}
