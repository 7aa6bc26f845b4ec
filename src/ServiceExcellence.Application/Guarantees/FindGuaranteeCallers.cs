using System.Globalization;
using System.Linq.Expressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Clients;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>
/// Type-ahead for the president logging a call: the contacts whose client's name, own name or email starts with what
/// was typed, at most <see cref="MaxResults"/>. Client names and emails are found through their indexes, a client's
/// contacts through (ClientId, Name). Contact names have no index of their own (only with the client id first), so
/// that search reads contacts only until it has ten matches, unsorted; with few matches it reads them all.
/// </summary>
public static class FindGuaranteeCallers
{
    public const int MinLength = 2;
    public const int MaxResults = 10;

    public sealed record Query(string? Text) : IQuery<IReadOnlyList<Caller>>;

    public sealed record Caller(Guid ContactId, string Contact, string? Email, Guid ClientId, string Client);

    public sealed class Handler(IAppDbContext db, GuaranteeAccess access) : IQueryHandler<Query, IReadOnlyList<Caller>>
    {
        public async ValueTask<IReadOnlyList<Caller>> Handle(Query query, CancellationToken cancellationToken)
        {
            access.EnsureCanRead();
            var text = query.Text?.Trim() ?? string.Empty;
            if (text.Length < MinLength)
            {
                return [];
            }

            var prefix = Prefix.Of(text.Length > 100 ? text[..100] : text, ByteOrderedText(db));
            var clientIds = await db.Clients.AsNoTracking()
                .Where(ClientNameStarts(prefix))
                .OrderBy(c => c.Name).Select(c => c.Id).Take(MaxResults)
                .ToListAsync(cancellationToken);
            var byClient = clientIds.Count == 0 ? [] : await (
                from k in db.Contacts.AsNoTracking()
                where clientIds.Contains(k.ClientId)
                join c in db.Clients on k.ClientId equals c.Id
                orderby c.Name, k.Name
                select new Caller(k.Id, k.Name, k.Email, c.Id, c.Name)).Take(MaxResults).ToListAsync(cancellationToken);
            var byEmail = await (
                from k in db.Contacts.AsNoTracking().Where(EmailStarts(prefix))
                orderby k.Email
                join c in db.Clients on k.ClientId equals c.Id
                select new Caller(k.Id, k.Name, k.Email, c.Id, c.Name)).Take(MaxResults).ToListAsync(cancellationToken);
            var byName = await (
                from k in db.Contacts.AsNoTracking()
                where k.Name.StartsWith(prefix.Typed)
                join c in db.Clients on k.ClientId equals c.Id
                select new Caller(k.Id, k.Name, k.Email, c.Id, c.Name)).Take(MaxResults).ToListAsync(cancellationToken);

            return byName.OrderBy(c => c.Contact, StringComparer.CurrentCultureIgnoreCase)
                .Concat(byEmail).Concat(byClient)
                .DistinctBy(c => c.ContactId)
                .Take(MaxResults)
                .ToList();
        }
    }

    /// <summary>
    /// SQLite compares text byte by byte and its LIKE ignores case, so a LIKE 'nor%' cannot use its indexes and reads
    /// every row. There the prefix becomes byte ranges, one per likely spelling. SQL Server's LIKE 'nor%' seeks its
    /// case-insensitive indexes by itself, and byte ranges would be wrong under its linguistic collation.
    /// </summary>
    private static bool ByteOrderedText(IAppDbContext db) =>
        db.Database.ProviderName?.EndsWith(".Sqlite", StringComparison.Ordinal) == true;

    private static Expression<Func<Client, bool>> ClientNameStarts(Prefix p) => p.ByteRanges
        ? c => (string.Compare(c.Name, p.Typed) >= 0 && string.Compare(c.Name, p.TypedEnd) < 0)
            || (string.Compare(c.Name, p.Capitalised) >= 0 && string.Compare(c.Name, p.CapitalisedEnd) < 0)
            || (string.Compare(c.Name, p.Titled) >= 0 && string.Compare(c.Name, p.TitledEnd) < 0)
        : c => c.Name.StartsWith(p.Typed);

    /// <summary>Emails are stored in lower case.</summary>
    private static Expression<Func<Contact, bool>> EmailStarts(Prefix p) => p.ByteRanges
        ? k => string.Compare(k.Email, p.Lower) >= 0 && string.Compare(k.Email, p.LowerEnd) < 0
        : k => k.Email != null && k.Email.StartsWith(p.Lower);

    /// <summary>
    /// What was typed and the spellings names are stored in ("nor" → "Nor", "anna and" → "Anna And"), each with the
    /// first string past every string that starts with it in byte order. EF Core sends the properties as parameters.
    /// </summary>
    private sealed record Prefix(bool ByteRanges, string Typed, string Capitalised, string Titled, string Lower)
    {
        public string TypedEnd => After(Typed);
        public string CapitalisedEnd => After(Capitalised);
        public string TitledEnd => After(Titled);
        public string LowerEnd => After(Lower);

        public static Prefix Of(string typed, bool byteRanges)
        {
            var culture = CultureInfo.InvariantCulture;
            string Capitalise(string word) => word.Length == 0 ? word : char.ToUpper(word[0], culture) + word[1..];
            return new Prefix(byteRanges, typed, Capitalise(typed), string.Join(' ', typed.Split(' ').Select(Capitalise)), typed.ToLowerInvariant());
        }

        private static string After(string prefix) =>
            prefix[^1] == char.MaxValue ? prefix + char.MaxValue : prefix[..^1] + (char)(prefix[^1] + 1);
    }
}
