using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Application.Initiatives;

/// <summary>
/// Links an alert the caller may see to an initiative, with the alert's version as they saw it (a change
/// someone made meanwhile is a conflict, never overwritten); the link is written to the alert's audit trail.
/// </summary>
public static class LinkAlertToInitiative
{
    /// <summary>The caller's open alerts that no initiative addresses yet, highest priority first.</summary>
    public sealed record Candidates : IQuery<IReadOnlyList<Candidate>>;

    public sealed record Candidate(AlertRef Alert, string Name);

    /// <summary>
    /// An alert and the version the person saw, as one form value (<c>id:version</c>), so a single drop-down
    /// list carries both.
    /// </summary>
    public sealed record AlertRef(Guid Id, Guid Version) : IParsable<AlertRef>
    {
        public override string ToString() => $"{Id:D}:{Version:D}";

        public static AlertRef Parse(string s, IFormatProvider? provider) =>
            TryParse(s, provider, out var result) ? result : throw new FormatException("Expected an alert as id:version.");

        public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out AlertRef result)
        {
            var parts = s?.Split(':');
            if (parts is [var id, var version]
                && Guid.TryParse(id, CultureInfo.InvariantCulture, out var alertId)
                && Guid.TryParse(version, CultureInfo.InvariantCulture, out var alertVersion))
            {
                result = new AlertRef(alertId, alertVersion);
                return true;
            }

            result = null;
            return false;
        }
    }

    public sealed record Command : ICommand
    {
        public Guid InitiativeId { get; init; }
        public AlertRef? Alert { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Alert).NotNull().WithMessage("Choose the alert to link.");
    }

    public sealed class CandidatesHandler(IAppDbContext db, AlertAccess access) : IQueryHandler<Candidates, IReadOnlyList<Candidate>>
    {
        public async ValueTask<IReadOnlyList<Candidate>> Handle(Candidates query, CancellationToken cancellationToken)
        {
            var open = new[] { AlertStatus.New, AlertStatus.Acknowledged, AlertStatus.Recovering };
            var alerts = await (await access.VisibleAsync(cancellationToken)).AsNoTracking()
                .Where(a => a.InitiativeId == null && open.Contains(a.Status))
                .OrderByDescending(a => a.Priority)
                .ThenBy(a => a.CreatedAt)
                .Select(a => new
                {
                    a.Id,
                    a.Version,
                    a.Title,
                    a.Severity,
                    a.RevenueAtRisk,
                    Client = db.Clients.Where(c => c.Id == a.ClientId).Select(c => c.Name).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            return alerts
                .Select(a => new Candidate(
                    new AlertRef(a.Id, a.Version),
                    $"{a.Title} — {a.Client ?? "no client"} ({a.Severity}, {a.RevenueAtRisk.ToString("N0", CultureInfo.InvariantCulture)} at risk)"))
                .ToList();
        }
    }

    public sealed class Handler(IAppDbContext db, AlertAccess access, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var initiative = await db.Initiatives.AsNoTracking()
                .Where(i => i.Id == command.InitiativeId)
                .Select(i => new { i.Id, i.Title })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The initiative");
            var alert = await access.LoadForChangeAsync(command.Alert!.Id, command.Alert.Version, cancellationToken);

            var previous = alert.InitiativeId is { } old
                ? await db.Initiatives.Where(i => i.Id == old).Select(i => i.Title).SingleOrDefaultAsync(cancellationToken)
                : null;
            alert.LinkInitiative(initiative.Id, initiative.Title, access.ActorId, clock.GetUtcNow(), previous);

            return Unit.Value;
        }
    }
}
