using FluentValidation;
using Mediator;

namespace ServiceExcellence.Application.Alerts;

/// <summary>The client team records what it did to recover the client, and how the client reacted.</summary>
public static class RecordRecovery
{
    public sealed record Command : ICommand
    {
        public Guid Id { get; init; }
        public Guid Version { get; init; }
        public string? Action { get; init; }
        public string? Reaction { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Action).NotEmpty().WithMessage("Say what was done for the client.").MaximumLength(2_000);
            RuleFor(c => c.Reaction).MaximumLength(2_000);
        }
    }

    public sealed class Handler(AlertAccess access, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var alert = await access.LoadForChangeAsync(command.Id, command.Version, cancellationToken);
            alert.RecordRecovery(command.Action!, command.Reaction, access.ActorId, clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
