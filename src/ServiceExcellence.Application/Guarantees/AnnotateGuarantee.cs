using FluentValidation;
using Mediator;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>The president's notes on an invocation and the date to follow up with the client, at any stage.</summary>
public static class AnnotateGuarantee
{
    public sealed record Command : ICommand
    {
        public Guid Id { get; init; }
        public Guid Version { get; init; }
        public string? Notes { get; init; }
        public DateOnly? FollowUpOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Notes).MaximumLength(4_000).WithMessage("Keep the notes under 4,000 characters.");
        }
    }

    public sealed class Handler(GuaranteeAccess access, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var presidentId = access.PresidentId;
            var invocation = await access.LoadForChangeAsync(command.Id, command.Version, cancellationToken);
            invocation.Annotate(command.Notes, command.FollowUpOn, presidentId, clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
