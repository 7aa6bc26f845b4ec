using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Teams;

/// <summary>Makes an active person a member of a team; adding a member twice keeps one membership.</summary>
public static class AddTeamMember
{
    /// <summary>The active people who are not yet members of the team.</summary>
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Candidates(Guid TeamId) : IQuery<IReadOnlyList<Option>>;

    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand
    {
        public Guid TeamId { get; init; }
        public Guid? PersonId { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db) =>
            RuleFor(c => c.PersonId)
                .NotEmpty().WithMessage("Choose the person to add.")
                .MustAsync((id, ct) => db.People.AnyAsync(p => p.Id == id && p.IsActive, ct))
                .WithMessage("Choose one of the active people.")
                .When(c => c.PersonId is not null, ApplyConditionTo.CurrentValidator);
    }

    public sealed class CandidatesHandler(IAppDbContext db) : IQueryHandler<Candidates, IReadOnlyList<Option>>
    {
        public async ValueTask<IReadOnlyList<Option>> Handle(Candidates query, CancellationToken cancellationToken) =>
            await db.People.AsNoTracking()
                .Where(p => p.IsActive && !db.TeamMemberships.Any(m => m.TeamId == query.TeamId && m.PersonId == p.Id))
                .OrderBy(p => p.DisplayName)
                .Select(p => new Option(p.Id, p.DisplayName))
                .ToListAsync(cancellationToken);
    }

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Include(t => t.Members).SingleOrDefaultAsync(t => t.Id == command.TeamId, cancellationToken)
                ?? throw new NotFoundException("The team");
            team.AddMember(command.PersonId!.Value);
            return Unit.Value;
        }
    }
}
