using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Application.Alerts;

/// <summary>
/// The operations team codes the cause behind the alert and links it to an improvement initiative, or opens
/// a new one (owned by the service line's operations team).
/// </summary>
public static class CodeRootCause
{
    public sealed record Command : ICommand
    {
        public Guid Id { get; init; }
        public Guid Version { get; init; }
        public Guid? CategoryId { get; init; }
        public string? SystemicCause { get; init; }
        public Guid? InitiativeId { get; init; }
        public string? NewInitiativeTitle { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.SystemicCause).MaximumLength(2_000);
            RuleFor(c => c.NewInitiativeTitle).MaximumLength(200);
            RuleFor(c => c.CategoryId)
                .MustAsync((id, ct) => db.FailureCategories.AnyAsync(c => c.Id == id, ct))
                .When(c => c.CategoryId is not null).WithMessage("Choose one of the failure categories.");
            RuleFor(c => c.InitiativeId)
                .MustAsync((id, ct) => db.Initiatives.AnyAsync(i => i.Id == id, ct))
                .When(c => c.InitiativeId is not null).WithMessage("Choose one of the initiatives.");
            RuleFor(c => c.NewInitiativeTitle)
                .Empty().When(c => c.InitiativeId is not null).WithMessage("Link an existing initiative or open a new one, not both.");
        }
    }

    public sealed class Handler(IAppDbContext db, AlertAccess access, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var alert = await access.LoadForChangeAsync(command.Id, command.Version, cancellationToken);
            var now = clock.GetUtcNow();
            var initiativeId = command.InitiativeId;
            string? initiativeTitle = null;
            if (!string.IsNullOrWhiteSpace(command.NewInitiativeTitle))
            {
                // Initiatives are owned by operations or key-success teams: the service line's team, else one the alert is routed to.
                var routed = db.AlertRoutes.Where(r => r.AlertId == alert.Id).Select(r => r.TeamId);
                var owner = await db.ServiceLines.Where(s => s.Id == alert.ServiceLineId).Select(s => (Guid?)s.OwnerTeamId).SingleOrDefaultAsync(cancellationToken)
                    ?? await db.Teams.Where(t => routed.Contains(t.Id) && (t.Kind == TeamKind.Operations || t.Kind == TeamKind.KeySuccess)).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new DomainException("No operations or key-success team works this alert to own a new initiative; link an existing one instead.");
                var initiative = new ImprovementInitiative(command.NewInitiativeTitle, command.SystemicCause, owner, now);
                db.Initiatives.Add(initiative);
                initiativeId = initiative.Id;
                initiativeTitle = initiative.Title;
            }
            else if (initiativeId is { } existing)
            {
                initiativeTitle = await db.Initiatives.Where(i => i.Id == existing).Select(i => i.Title).SingleAsync(cancellationToken);
            }

            var categoryName = command.CategoryId is { } categoryId
                ? await db.FailureCategories.Where(c => c.Id == categoryId).Select(c => c.Name).SingleAsync(cancellationToken)
                : null;
            var previousCategory = alert.RootCauseCategoryId is { } oldCategory
                ? await db.FailureCategories.Where(c => c.Id == oldCategory).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken)
                : null;
            var previousInitiative = alert.InitiativeId is { } oldInitiative
                ? await db.Initiatives.Where(i => i.Id == oldInitiative).Select(i => i.Title).SingleOrDefaultAsync(cancellationToken)
                : null;
            alert.CodeRootCause(command.CategoryId, command.SystemicCause, initiativeId, access.ActorId, now, categoryName, initiativeTitle, previousCategory, previousInitiative);
            return Unit.Value;
        }
    }
}
