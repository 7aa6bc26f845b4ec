using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Mediator;
using ServiceExcellence.Application.Common;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Privacy;

namespace ServiceExcellence.Application.Privacy;

/// <summary>
/// An administrator exports everything held about a contact, as JSON or as CSV; the export itself is recorded in the privacy
/// audit trail. It is a command, not a query, because of that record.
/// </summary>
public static class ExportContactData
{
    public enum Format
    {
        Json = 0,
        Csv = 1,
    }

    public sealed record Command(Guid ClientId, Guid ContactId, Format Format) : ICommand<Result>;

    public sealed record Result(string FileName, string ContentType, byte[] Content);

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            PrivacyAccess.RequireAdministrator(user);
            var model = await ContactPrivacy.LoadAsync(db, command.ClientId, command.ContactId, cancellationToken);
            var now = clock.GetUtcNow();
            var (actorId, actorName) = await PrivacyAccess.ActorAsync(db, user, cancellationToken);
            var action = command.Format == Format.Json ? PrivacyAction.ExportedJson : PrivacyAction.ExportedCsv;
            db.PrivacyAudit.Add(new PrivacyAuditEntry(now, actorId, actorName, action, command.ContactId, model.Counts));

            var stem = $"contact-{command.ContactId:N}-{now:yyyyMMdd-HHmm}";
            return command.Format == Format.Json
                ? new Result(stem + ".json", "application/json", ToJson(model, now))
                : new Result(stem + ".csv", "text/csv; charset=utf-8", ToCsv(model));
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,

        // Letters of every script stay readable; characters that matter in HTML are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static byte[] ToJson(ContactPrivacy.Model model, DateTimeOffset exportedAt) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new
            {
                exportedAt,
                model.Contact,
                model.Transactions,
                model.Invitations,
                model.Ratings,
                model.Guarantees,
                model.Emails,
                PrivacyHistory = model.History,
            },
            JsonOptions);

    /// <summary>
    /// One row per field: <c>section,recordId,field,value</c>, RFC 4180 quoting, UTF-8 with a byte order mark so spreadsheets
    /// read accents correctly. Times are ISO 8601 in UTC, numbers use a dot. A text value that a spreadsheet would run as a
    /// formula (starting with = + - @ or a tab) is prefixed with an apostrophe.
    /// </summary>
    public static byte[] ToCsv(ContactPrivacy.Model model)
    {
        var csv = new StringBuilder("section,recordId,field,value\r\n");
        void Row(string section, Guid? id, string field, object? value) =>
            csv.Append(Field(section)).Append(',').Append(id?.ToString() ?? string.Empty).Append(',')
                .Append(Field(field)).Append(',').Append(Field(Text(value))).Append("\r\n");
        void Record(string section, Guid? id, object record)
        {
            foreach (var property in record.GetType().GetProperties())
            {
                if (property.Name is not ("Id" or "EqualityContract"))
                {
                    var value = property.GetValue(record);
                    if (value is IEnumerable<string> list)
                    {
                        value = string.Join("; ", list);
                    }

                    Row(section, id, JsonNamingPolicy.CamelCase.ConvertName(property.Name), value);
                }
            }
        }

        Record("contact", model.Contact.Id, model.Contact);
        model.Transactions.ToList().ForEach(t => Record("transaction", t.Id, t));
        model.Invitations.ToList().ForEach(i => Record("invitation", i.Id, i));
        model.Ratings.ToList().ForEach(r => Record("rating", r.Id, r));
        model.Guarantees.ToList().ForEach(g => Record("guarantee", g.Id, g));
        model.Emails.ToList().ForEach(m => Record("email", m.Id, m));
        model.History.ToList().ForEach(h => Record("privacyHistory", null, h));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Csv.Text(value.ToString()) ?? string.Empty,
    };

    private static string Field(string text) => Csv.Field(text);
}
