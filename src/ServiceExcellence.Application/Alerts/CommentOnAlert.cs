using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ServiceExcellence.Application.Alerts;

/// <summary>A note on the alert for the people working it. Comments never conflict with other changes.</summary>
public static class CommentOnAlert
{
    public sealed record Command : ICommand
    {
        public Guid Id { get; init; }
        public string? Text { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Text).NotEmpty().WithMessage("Write the comment first.").MaximumLength(2_000);
    }

    public sealed class Handler(Common.Interfaces.IAppDbContext db, AlertAccess access, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var visible = await access.VisibleAsync(cancellationToken);
            if (!await visible.AnyAsync(a => a.Id == command.Id, cancellationToken))
            {
                throw new Common.Exceptions.NotFoundException("The alert");
            }

            db.AlertComments.Add(new Domain.Alerts.AlertComment(command.Id, access.ActorId, command.Text!.Trim(), clock.GetUtcNow()));
            return Unit.Value;
        }
    }
}
