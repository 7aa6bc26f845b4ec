using FluentValidation;
using FluentValidation.Results;
using Mediator;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Integrations;

namespace ServiceExcellence.Application.Imports;

/// <summary>
/// A member of staff uploads a CSV file of transactions. A readable file is kept as a draft import, its
/// columns mapped by their names, for the preview; a malformed one is refused with the reason and nothing is kept.
/// </summary>
public static class UploadTransactionImport
{
    public static readonly string TooLarge = $"The file is larger than {CsvTransactions.MaxBytes / 1024 / 1024} MB; split it into smaller files.";

    public sealed record Command : ICommand<Guid>
    {
        public string? FileName { get; init; }

        public byte[]? Content { get; init; }

        /// <summary>The source system the rows are recorded under; their external references are unique within it.</summary>
        public string? SourceSystem { get; init; } = "csv";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Content).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose a CSV file.")
                .Must(c => c!.Length <= CsvTransactions.MaxBytes).WithMessage(TooLarge)
                .OverridePropertyName("File");
            RuleFor(c => c.SourceSystem).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the source system, such as csv or crm.")
                .MaximumLength(Limits.SourceSystem)
                .Matches("^[A-Za-z0-9._-]+$").WithMessage("Use only letters, digits, '-', '_' and '.'.")
                .NotEqual(Domain.Transactions.Transaction.ManualSource, StringComparer.OrdinalIgnoreCase)
                .WithMessage("'manual' is the source of transactions recorded by hand; choose another.");
        }
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var person = user.PersonId ?? throw new ForbiddenException("Sign in to import transactions.");
            CsvTable table;
            string text;
            try
            {
                text = CsvTransactions.Decode(command.Content!);
                table = CsvTransactions.Parse(text);
            }
            catch (CsvFormatException ex)
            {
                throw new ValidationException([new ValidationFailure("File", ex.Message)]);
            }

            var name = Path.GetFileName(command.FileName?.Trim()) is { Length: > 0 } file ? file[..Math.Min(file.Length, Limits.Name)] : "upload.csv";
            var import = new TransactionImport(
                name, text, table.Rows.Count, command.SourceSystem!, CsvTransactions.WriteMapping(CsvTransactions.AutoMap(table.Headers)), person, clock.GetUtcNow());
            db.TransactionImports.Add(import);
            return ValueTask.FromResult(import.Id);
        }
    }
}
