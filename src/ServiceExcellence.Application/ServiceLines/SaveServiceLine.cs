using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Application.ServiceLines;

/// <summary>Adds a service line, or changes one (<see cref="Command.Id"/> set). Codes are stored upper-cased.</summary>
public static class SaveServiceLine
{
    /// <summary>The form of an existing service line, with its concurrency version.</summary>
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid Id) : IQuery<Command>;

    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid? Id { get; init; }
        public Guid Version { get; init; }
        public string? Code { get; init; }
        public string? Name { get; init; }
        public Guid? OwnerTeamId { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.Code)
                .Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter a short code, such as REPAIR.")
                .MaximumLength(Limits.Code)
                .Matches("^\\s*[A-Za-z0-9][A-Za-z0-9_.-]*\\s*$").WithMessage("Use letters, digits, dots, dashes and underscores only, starting with a letter or digit.")
                .MustAsync(async (command, code, ct) =>
                {
                    var normalised = code!.Trim().ToUpperInvariant();
                    return !await db.ServiceLines.AnyAsync(s => s.Code == normalised && s.Id != command.Id, ct);
                })
                .WithMessage("Another service line already has this code.");
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the service line's name.").MaximumLength(Limits.Name);
            RuleFor(c => c.OwnerTeamId)
                .NotEmpty().WithMessage("Choose the operations team that owns this service line.")
                .MustAsync((id, ct) => db.Teams.AnyAsync(t => t.Id == id && t.Kind == TeamKind.Operations, ct))
                .WithMessage("A service line is owned by an operations team; choose one of the operations teams.")
                .When(c => c.OwnerTeamId is not null, ApplyConditionTo.CurrentValidator);
        }
    }

    public sealed class QueryHandler(IAppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.ServiceLines.AsNoTracking()
                .Where(s => s.Id == query.Id)
                .Select(s => new Command { Id = s.Id, Version = s.Version, Code = s.Code, Name = s.Name, OwnerTeamId = s.OwnerTeamId })
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The service line");
    }

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = await db.Teams.SingleAsync(t => t.Id == command.OwnerTeamId, cancellationToken);
            if (command.Id is not { } id)
            {
                var created = new ServiceLine(command.Code!, command.Name!, owner);
                db.ServiceLines.Add(created);
                return created.Id;
            }

            var line = await db.ServiceLines.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
                ?? throw new NotFoundException("The service line");
            db.ServiceLines.Entry(line).Property(s => s.Version).OriginalValue = command.Version;
            line.Update(command.Code!, command.Name!, owner);
            return line.Id;
        }
    }
}
