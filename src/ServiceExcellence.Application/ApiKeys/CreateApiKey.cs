using FluentValidation;
using Mediator;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Integrations;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.ApiKeys;

/// <summary>An administrator creates a named key for an integrating system; its value is in the result and nowhere else.</summary>
public static class CreateApiKey
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand<Result>
    {
        public string? Name { get; init; }

        /// <summary>The source system the key's transactions are recorded under; keys that replace each other share one.</summary>
        public string? SourceSystem { get; init; }
    }

    public sealed record Result(Guid Id, string Name, string SourceSystem, string Value);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Name the key after the system that will use it.")
                .MaximumLength(Limits.Name);
            RuleFor(c => c.SourceSystem).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the source system, such as crm or billing.")
                .MaximumLength(Limits.SourceSystem)
                .Matches("^[A-Za-z0-9._-]+$").WithMessage("Use only letters, digits, '-', '_' and '.'.")
                .NotEqual(Domain.Transactions.Transaction.ManualSource, StringComparer.OrdinalIgnoreCase)
                .WithMessage("'manual' is the source of transactions recorded by hand; choose another.");
        }
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var (value, prefix, hash) = ApiKeyValues.Mint();
            var key = new ApiKey(command.Name!, command.SourceSystem!, prefix, hash, clock.GetUtcNow(), user.PersonId);
            db.ApiKeys.Add(key);
            return ValueTask.FromResult(new Result(key.Id, key.Name, key.SourceSystem, value));
        }
    }
}
