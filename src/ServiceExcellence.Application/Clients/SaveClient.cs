using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Application.Clients;

/// <summary>Adds a client, or changes one (<see cref="Command.Id"/> set).</summary>
public static class SaveClient
{
    /// <summary>The form of an existing client, with its concurrency version.</summary>
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid Id) : IQuery<Command>;

    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid? Id { get; init; }
        public Guid Version { get; init; }
        public string? Name { get; init; }
        public string? ExternalId { get; init; }
        public string? Segment { get; init; }
        public decimal AnnualRevenue { get; init; }
        public Guid? ClientTeamId { get; init; }
        public bool ExcludedFromSurveys { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the client's name.").MaximumLength(Limits.Name);
            RuleFor(c => c.Segment).MaximumLength(Limits.Segment);
            RuleFor(c => c.AnnualRevenue)
                .GreaterThanOrEqualTo(0).WithMessage("Annual revenue cannot be negative.")
                .LessThan(1_000_000_000_000m).WithMessage("Annual revenue must be less than 1,000,000,000,000.");
            RuleFor(c => c.ExternalId)
                .MaximumLength(Limits.ExternalReference)
                .MustAsync(async (command, externalId, ct) => string.IsNullOrWhiteSpace(externalId)
                    || !await db.Clients.AnyAsync(c => c.ExternalId == externalId.Trim() && c.Id != command.Id, ct))
                .WithMessage("Another client already has this external id.");
            RuleFor(c => c.ClientTeamId)
                .NotEmpty().WithMessage("Choose the client team that owns this client.")
                .MustAsync((id, ct) => db.Teams.AnyAsync(t => t.Id == id && t.Kind == TeamKind.Client, ct))
                .WithMessage("Choose one of the client teams.")
                .When(c => c.ClientTeamId is not null, ApplyConditionTo.CurrentValidator);
        }
    }

    public sealed class QueryHandler(IAppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Clients.AsNoTracking()
                .Where(c => c.Id == query.Id)
                .Select(c => new Command
                {
                    Id = c.Id,
                    Version = c.Version,
                    Name = c.Name,
                    ExternalId = c.ExternalId,
                    Segment = c.Segment,
                    AnnualRevenue = c.AnnualRevenue,
                    ClientTeamId = c.ClientTeamId,
                    ExcludedFromSurveys = c.ExcludedFromSurveys,
                })
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The client");
    }

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var team = await db.Teams.SingleAsync(t => t.Id == command.ClientTeamId, cancellationToken);
            if (command.Id is not { } id)
            {
                var created = new Client(command.Name!, command.ExternalId, command.Segment, command.AnnualRevenue, team);
                db.Clients.Add(created);
                return created.Id;
            }

            var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                ?? throw new NotFoundException("The client");
            db.Clients.Entry(client).Property(c => c.Version).OriginalValue = command.Version;
            client.Update(command.Name!, command.ExternalId, command.Segment, command.AnnualRevenue, team, command.ExcludedFromSurveys);
            return client.Id;
        }
    }
}
