using FluentValidation;
using Mediator;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Integrations;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Integrations;

namespace ServiceExcellence.Application.Imports;

/// <summary>
/// The preview of an uploaded file before anything is recorded: every row goes through the same checks as
/// the API (a dry run), the first rows are shown with their problems, and every rejected row is listed.
/// The person may change the column mapping and look again.
/// </summary>
public static class PreviewTransactionImport
{
    public const int FirstRows = 20;

    public sealed record Query(Guid Id) : IQuery<Model>;

    public sealed record Model(
        Guid Id, string FileName, string SourceSystem, ImportStatus Status, IReadOnlyList<string> Headers,
        IReadOnlyDictionary<string, string> Mapping, IReadOnlyList<string> MissingFields, int RowCount,
        int WouldCreate, int Existing, int Conflicts, int Rejected, IReadOnlyList<PreviewRow> Rows, IReadOnlyList<PreviewRow> Problems);

    /// <summary>One row: its line in the file, its values in the order of <see cref="CsvTransactions.Fields"/>, and what importing it would do.</summary>
    public sealed record PreviewRow(int Line, IReadOnlyList<string> Values, IngestOutcome Outcome, string Problems);

    /// <summary>Changes the column mapping (field → the file's header) or the source system of a draft import.</summary>
    public sealed record MapCommand : ICommand
    {
        public Guid Id { get; init; }
        public string? SourceSystem { get; init; }
        public Dictionary<string, string?> Mapping { get; init; } = [];
    }

    public sealed class MapValidator : AbstractValidator<MapCommand>
    {
        public MapValidator()
        {
            RuleFor(c => c.SourceSystem).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the source system, such as csv or crm.")
                .MaximumLength(Limits.SourceSystem)
                .Matches("^[A-Za-z0-9._-]+$").WithMessage("Use only letters, digits, '-', '_' and '.'.")
                .NotEqual(Domain.Transactions.Transaction.ManualSource, StringComparer.OrdinalIgnoreCase)
                .WithMessage("'manual' is the source of transactions recorded by hand; choose another.");
        }
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TransactionIngestor ingestor) : IQueryHandler<Query, Model>, ICommandHandler<MapCommand>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var import = await db.TransactionImports.FindVisibleAsync(query.Id, user, cancellationToken);
            var mapping = CsvTransactions.ReadMapping(import.Mapping);
            if (import.Status != ImportStatus.Draft)
            {
                return new Model(import.Id, import.FileName, import.SourceSystem, import.Status, [], mapping, [], import.RowCount, 0, 0, 0, 0, [], []);
            }

            var table = CsvTransactions.Parse(import.Content);
            var missing = CsvTransactions.MissingFields(mapping, table.Headers).ToList();
            var outcomes = missing.Count > 0
                ? []
                : await CheckAsync(import.SourceSystem, table, mapping, cancellationToken);

            PreviewRow Show(int index) => new(
                table.Rows[index].Line,
                CsvTransactions.Fields.Select(f => mapping.TryGetValue(f.Field, out var header) && CsvTransactions.ColumnOf(table.Headers, header) is var i and >= 0 ? table.Rows[index].Values[i] : string.Empty).ToList(),
                outcomes.Count > 0 ? outcomes[index].Outcome : IngestOutcome.Invalid,
                outcomes.Count > 0 ? CsvTransactions.Describe(outcomes[index].Errors) : string.Empty);

            return new Model(
                import.Id, import.FileName, import.SourceSystem, import.Status, table.Headers, mapping, missing, table.Rows.Count,
                outcomes.Count(o => o.Outcome == IngestOutcome.Created),
                outcomes.Count(o => o.Outcome == IngestOutcome.Existing),
                outcomes.Count(o => o.Outcome == IngestOutcome.Conflict),
                outcomes.Count(o => !o.Accepted && o.Outcome != IngestOutcome.Conflict),
                Enumerable.Range(0, Math.Min(FirstRows, table.Rows.Count)).Select(Show).ToList(),
                outcomes.Count == 0 ? [] : Enumerable.Range(0, table.Rows.Count).Where(i => !outcomes[i].Accepted).Select(Show).ToList());
        }

        public async ValueTask<Unit> Handle(MapCommand command, CancellationToken cancellationToken)
        {
            var import = await db.TransactionImports.FindVisibleAsync(command.Id, user, cancellationToken);
            var known = CsvTransactions.Fields.Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
            var mapping = command.Mapping
                .Where(m => known.Contains(m.Key) && !string.IsNullOrWhiteSpace(m.Value))
                .ToDictionary(m => m.Key, m => m.Value!, StringComparer.Ordinal);
            import.ChangeMapping(command.SourceSystem!, CsvTransactions.WriteMapping(mapping));
            return Unit.Value;
        }

        /// <summary>Every row through the API's checks, nothing stored; a row whose values are not even of the right kind is invalid.</summary>
        private async Task<List<IngestResult>> CheckAsync(string source, CsvTable table, Dictionary<string, string> mapping, CancellationToken cancellationToken)
        {
            var results = new IngestResult[table.Rows.Count];
            var inputs = new List<(int Index, TransactionInput Input)>();
            for (var i = 0; i < table.Rows.Count; i++)
            {
                var (input, errors) = CsvTransactions.ToInput(table.Rows[i], table.Headers, mapping);
                if (input is null)
                {
                    results[i] = new IngestResult(i, null, IngestOutcome.Invalid, null, errors!);
                }
                else
                {
                    inputs.Add((i, input));
                }
            }

            var checkedRows = await ingestor.IngestAsync(source, inputs.Select(r => r.Input).ToList(), store: false, cancellationToken);
            for (var i = 0; i < checkedRows.Count; i++)
            {
                results[inputs[i].Index] = checkedRows[i];
            }

            return [.. results];
        }
    }
}
