using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Application.Initiatives;

/// <summary>Starts an improvement initiative, or changes one (<see cref="Command.Id"/> set).</summary>
public static class SaveInitiative
{
    /// <summary>The form of an existing initiative, with its concurrency version.</summary>
    public sealed record Query(Guid Id) : IQuery<Command>;

    /// <summary>The teams that may own an initiative: operations and key-success teams, named with their kind.</summary>
    public sealed record OwnerTeams : IQuery<IReadOnlyList<Option>>;

    public sealed record Command : ICommand<Guid>
    {
        public Guid? Id { get; init; }
        public Guid Version { get; init; }
        public string? Title { get; init; }
        public string? Description { get; init; }
        public Guid? OwnerTeamId { get; init; }
        public InitiativeStatus Status { get; init; } = InitiativeStatus.Proposed;
        public string? OutcomeNote { get; init; }
    }

    /// <summary>A systemic fix belongs to the people who own the process, or to a cross-functional team.</summary>
    private static readonly TeamKind[] OwnerKinds = [TeamKind.Operations, TeamKind.KeySuccess];

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Enter a title for the initiative.").MaximumLength(200);
            RuleFor(c => c.Description).MaximumLength(4_000);
            RuleFor(c => c.OwnerTeamId)
                .NotEmpty().WithMessage("Choose the team that owns this initiative.")
                .MustAsync((id, ct) => db.Teams.AnyAsync(t => t.Id == id && OwnerKinds.Contains(t.Kind), ct))
                .WithMessage("Choose an operations or key-success team; client teams recover clients, they do not own systemic fixes.")
                .When(c => c.OwnerTeamId is not null, ApplyConditionTo.CurrentValidator);
            RuleFor(c => c.Status).IsInEnum().WithMessage("Choose one of the statuses.");
            RuleFor(c => c.OutcomeNote)
                .NotEmpty().WithMessage("Describe the outcome: what changed, or why the initiative was dropped.")
                .When(c => c.Status is InitiativeStatus.Done or InitiativeStatus.Dropped)
                .MaximumLength(4_000);
        }
    }

    public sealed class QueryHandler(IAppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Initiatives.AsNoTracking()
                .Where(i => i.Id == query.Id)
                .Select(i => new Command
                {
                    Id = i.Id,
                    Version = i.Version,
                    Title = i.Title,
                    Description = i.Description,
                    OwnerTeamId = i.OwnerTeamId,
                    Status = i.Status,
                    OutcomeNote = i.OutcomeNote,
                })
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The initiative");
    }

    public sealed class OwnerTeamsHandler(IAppDbContext db) : IQueryHandler<OwnerTeams, IReadOnlyList<Option>>
    {
        public async ValueTask<IReadOnlyList<Option>> Handle(OwnerTeams query, CancellationToken cancellationToken) =>
            (await db.Teams.AsNoTracking()
                .Where(t => OwnerKinds.Contains(t.Kind))
                .OrderBy(t => t.Name)
                .Select(t => new { t.Id, t.Name, t.Kind })
                .ToListAsync(cancellationToken))
            .Select(t => new Option(t.Id, $"{t.Name} ({t.Kind.Describe()})"))
            .ToList();
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var ownerTeamId = command.OwnerTeamId!.Value;
            if (command.Id is not { } id)
            {
                var created = new ImprovementInitiative(command.Title!, command.Description, ownerTeamId, clock.GetUtcNow());
                created.Update(command.Title!, command.Description, ownerTeamId, command.Status, command.OutcomeNote);
                db.Initiatives.Add(created);
                return created.Id;
            }

            var initiative = await db.Initiatives.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
                ?? throw new NotFoundException("The initiative");
            db.Initiatives.Entry(initiative).Property(i => i.Version).OriginalValue = command.Version;
            initiative.Update(command.Title!, command.Description, ownerTeamId, command.Status, command.OutcomeNote);
            return initiative.Id;
        }
    }
}
