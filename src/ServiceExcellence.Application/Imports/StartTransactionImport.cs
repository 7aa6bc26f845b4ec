using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Integrations;

namespace ServiceExcellence.Application.Imports;

/// <summary>The person confirms the preview: the import is queued for the background worker, which records the rows in chunks.</summary>
public static class StartTransactionImport
{
    public sealed record Command(Guid Id) : ICommand;

    public sealed class Handler(IAppDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var import = await db.TransactionImports.FindVisibleAsync(command.Id, user, cancellationToken);
            var table = CsvTransactions.Parse(import.Content);
            var missing = CsvTransactions.MissingFields(CsvTransactions.ReadMapping(import.Mapping), table.Headers).ToList();
            if (missing.Count > 0)
            {
                throw new DomainException($"Choose the column of each required field first: {string.Join(", ", missing)}.");
            }

            import.Queue();
            return Unit.Value;
        }
    }
}

/// <summary>Where an import stands, for the progress bar and the report.</summary>
public static class TransactionImportProgress
{
    public sealed record Query(Guid Id) : IQuery<Model>;

    public sealed record Model(
        Guid Id, string FileName, string SourceSystem, ImportStatus Status, int RowCount, int ProcessedRows, int Created, int Existing, int Rejected,
        DateTimeOffset UploadedAt, DateTimeOffset? FinishedAt, string? Error)
    {
        public int Percent => RowCount == 0 ? 100 : (int)(ProcessedRows * 100L / RowCount);
        public bool IsFinished => Status is ImportStatus.Completed or ImportStatus.Failed;
    }

    /// <summary>The rejected rows as a CSV file: the original columns, the line in the file and the problems.</summary>
    public sealed record ReportQuery(Guid Id) : IQuery<(string FileName, string Csv)>;

    /// <summary>The person's recent imports, newest first.</summary>
    public sealed record RecentQuery : IQuery<IReadOnlyList<Model>>;

    public sealed class Handler(IAppDbContext db, ICurrentUser user)
        : IQueryHandler<Query, Model>, IQueryHandler<ReportQuery, (string FileName, string Csv)>, IQueryHandler<RecentQuery, IReadOnlyList<Model>>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var model = await Project(db.TransactionImports.AsNoTracking().Visible(user).Where(i => i.Id == query.Id)).SingleOrDefaultAsync(cancellationToken);
            return model ?? throw new Common.Exceptions.NotFoundException("The import");
        }

        public async ValueTask<(string FileName, string Csv)> Handle(ReportQuery query, CancellationToken cancellationToken)
        {
            var import = await db.TransactionImports.AsNoTracking().FindVisibleAsync(query.Id, user, cancellationToken);
            var name = Path.GetFileNameWithoutExtension(import.FileName);
            return ($"{name}-rejected.csv", import.RejectedReport);
        }

        public async ValueTask<IReadOnlyList<Model>> Handle(RecentQuery query, CancellationToken cancellationToken)
        {
            var mine = await Project(db.TransactionImports.AsNoTracking().Where(i => i.UploadedById == user.PersonId)).ToListAsync(cancellationToken);
            return mine.OrderByDescending(i => i.UploadedAt).Take(10).ToList();
        }

        private static IQueryable<Model> Project(IQueryable<TransactionImport> imports) =>
            imports.Select(i => new Model(
                i.Id, i.FileName, i.SourceSystem, i.Status, i.RowCount, i.ProcessedRows, i.CreatedCount, i.ExistingCount, i.RejectedCount,
                i.UploadedAt, i.FinishedAt, i.Error));
    }
}
