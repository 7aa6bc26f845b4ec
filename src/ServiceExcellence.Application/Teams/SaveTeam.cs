using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Application.Teams;

/// <summary>Adds a team, or changes one (<see cref="Command.Id"/> set).</summary>
public static class SaveTeam
{
    /// <summary>The form of an existing team, with its concurrency version.</summary>
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid Id) : IQuery<Command>;

    /// <summary>
    /// Who may be appointed manager: the active people, and the current manager even if deactivated since,
    /// so that saving the form never drops a manager nobody chose to remove.
    /// </summary>
    [RequiresRole(StaffRole.Administrator)]
    public sealed record ManagerOptions(Guid? CurrentManagerId) : IQuery<IReadOnlyList<Option>>;

    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid? Id { get; init; }
        public Guid Version { get; init; }
        public string? Name { get; init; }
        public TeamKind? Kind { get; init; }
        public Guid? ManagerId { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.Name)
                .NotEmpty().WithMessage("Enter the team's name.")
                .MaximumLength(Limits.Name)
                .MustAsync(async (command, name, ct) => string.IsNullOrWhiteSpace(name)
                    || !await db.Teams.AnyAsync(t => t.Name.ToLower() == name.Trim().ToLower() && t.Id != command.Id, ct))
                .WithMessage("Another team already has this name.");
            RuleFor(c => c.Kind)
                .NotNull().WithMessage("Choose the kind of team.")
                .IsInEnum().WithMessage("Choose the kind of team.")
                .CustomAsync(async (kind, context, ct) => await RefuseKindChangeWhileDependedOnAsync(db, context.InstanceToValidate, context, ct));
            RuleFor(c => c.ManagerId)
                .MustAsync((command, managerId, ct) => db.People.AnyAsync(
                    p => p.Id == managerId && (p.IsActive || db.Teams.Any(t => t.Id == command.Id && t.ManagerId == managerId)), ct))
                .WithMessage("Choose an active person as the manager.")
                .When(c => c.ManagerId is not null);
        }

        /// <summary>Clients are owned by client teams and service lines by operations teams: the kind is what makes that true.</summary>
        private static async Task RefuseKindChangeWhileDependedOnAsync(IAppDbContext db, Command command, ValidationContext<Command> context, CancellationToken ct)
        {
            if (command.Id is not { } id || command.Kind is not { } wanted)
            {
                return;
            }

            var current = await db.Teams.Where(t => t.Id == id).Select(t => (TeamKind?)t.Kind).SingleOrDefaultAsync(ct);
            if (current is null || current == wanted)
            {
                return;
            }

            if (current == TeamKind.Client && await db.Clients.CountAsync(c => c.ClientTeamId == id, ct) is > 0 and var clients)
            {
                context.AddFailure($"This team owns {Count(clients, "client")}: move them to another client team before changing its kind.");
            }
            else if (current == TeamKind.Operations && await db.ServiceLines.CountAsync(s => s.OwnerTeamId == id, ct) is > 0 and var lines)
            {
                context.AddFailure($"This team owns {Count(lines, "service line")}: give them to another operations team before changing its kind.");
            }
        }

        private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
    }

    public sealed class QueryHandler(IAppDbContext db) :
        IQueryHandler<Query, Command>,
        IQueryHandler<ManagerOptions, IReadOnlyList<Option>>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Teams.AsNoTracking()
                .Where(t => t.Id == query.Id)
                .Select(t => new Command { Id = t.Id, Version = t.Version, Name = t.Name, Kind = t.Kind, ManagerId = t.ManagerId })
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The team");

        public async ValueTask<IReadOnlyList<Option>> Handle(ManagerOptions query, CancellationToken cancellationToken) =>
            await db.People.AsNoTracking()
                .Where(p => p.IsActive || p.Id == query.CurrentManagerId)
                .OrderBy(p => p.DisplayName)
                .Select(p => new Option(p.Id, p.IsActive ? p.DisplayName : p.DisplayName + " (deactivated)"))
                .ToListAsync(cancellationToken);
    }

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var kind = command.Kind!.Value;
            if (command.Id is not { } id)
            {
                var created = new Team(command.Name!, kind);
                created.AppointManager(command.ManagerId);
                db.Teams.Add(created);
                return created.Id;
            }

            var team = await db.Teams.Include(t => t.Members).SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
                ?? throw new NotFoundException("The team");
            db.Teams.Entry(team).Property(t => t.Version).OriginalValue = command.Version;
            team.Rename(command.Name!);
            team.ChangeKind(kind);
            team.AppointManager(command.ManagerId);
            return team.Id;
        }
    }
}
