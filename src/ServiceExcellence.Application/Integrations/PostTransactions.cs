using FluentValidation;
using Mediator;
using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Application.Integrations;

/// <summary>
/// Records a batch of transactions sent by an integrating system (one for <c>POST /api/v1/transactions</c>,
/// up to <see cref="MaxItems"/> for the batch endpoint, a chunk of a CSV import) in one database transaction.
/// Each item gets its own answer; bad items never stop the good ones.
/// </summary>
public static class PostTransactions
{
    public const int MaxItems = 1_000;

    public sealed record Command(string SourceSystem, IReadOnlyList<TransactionInput> Items) : ICommand<IReadOnlyList<IngestResult>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.SourceSystem).NotEmpty().MaximumLength(Limits.SourceSystem);
            RuleFor(c => c.Items).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Send at least one transaction.")
                .Must(items => items.Count <= MaxItems).WithMessage($"Send at most {MaxItems:N0} transactions at a time.")
                .OverridePropertyName("transactions");
        }
    }

    public sealed class Handler(TransactionIngestor ingestor) : ICommandHandler<Command, IReadOnlyList<IngestResult>>
    {
        public async ValueTask<IReadOnlyList<IngestResult>> Handle(Command command, CancellationToken cancellationToken) =>
            await ingestor.IngestAsync(command.SourceSystem, command.Items, store: true, cancellationToken);
    }
}
