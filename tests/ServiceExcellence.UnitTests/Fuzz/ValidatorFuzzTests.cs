using CsCheck;
using FluentValidation;
using ServiceExcellence.Application.AlertRules;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.ApiKeys;
using ServiceExcellence.Application.Guarantees;
using ServiceExcellence.Application.Imports;
using ServiceExcellence.Application.Insight;
using ServiceExcellence.Application.Integrations;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Tests.Fuzz;

namespace ServiceExcellence.UnitTests.Fuzz;

/// <summary>
/// The validators that need no database, on arbitrary commands and queries: they never throw (an exception in a
/// validator is a 500 where a field message was due), and every failure names a field the page can show it beside.
/// </summary>
public sealed class ValidatorFuzzTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

    private static readonly Gen<string?> Text = Hostile.NullableText;

    private static readonly Gen<DateOnly?> Day = Gen.Frequency(
        (1, Gen.Const((DateOnly?)null)),
        (2, Gen.OneOf<DateOnly?>(DateOnly.MinValue, DateOnly.MinValue.AddDays(1), DateOnly.MinValue.AddDays(88), DateOnly.MaxValue, DateOnly.MaxValue.AddDays(-1),
            new DateOnly(1999, 12, 31), new DateOnly(2000, 1, 1), new DateOnly(2026, 6, 15), new DateOnly(2100, 12, 31), new DateOnly(2101, 1, 1))),
        (2, Gen.DateOnly.Select(d => (DateOnly?)d)));

    [Fact]
    public void Alert_rules_of_any_kind_and_values_are_checked_without_an_exception() =>
        NeverThrows(new SaveAlertRule.Validator(), Gen.Select(Gen.Int[-1, 8], Text, Gen.Int, Gen.Int, Gen.Decimal.Nullable(0.2), Text, Text, Gen.Int,
            (kind, name, acknowledge, resolve, threshold, keywords, language, window) => new SaveAlertRule.Command
            {
                Kind = (AlertRuleKind)kind,
                Name = name,
                AcknowledgeWithinHours = acknowledge,
                ResolveWithinHours = resolve,
                Threshold = threshold,
                Keywords = keywords,
                Language = language,
                WindowDays = window,
                BaselineDays = window * 2,
                Severity = (AlertSeverity)(kind * 3 % 7),
            }));

    [Fact]
    public void Dashboard_and_export_ranges_of_any_dates_are_checked_without_an_exception()
    {
        var clock = new FixedClock(Now);
        var range = Gen.Select(Gen.Int[-1, 4], Day, Day, (scope, from, to) => (Scope: (ScopeKind)scope, From: from, To: to));
        NeverThrows(new GetDashboard.Validator(clock), range.Select(r => new GetDashboard.Query(r.Scope, null, r.From, r.To)));
        NeverThrows(new ExportRatings.Validator(clock), range.Select(r => new ExportRatings.Query(r.Scope, null, r.From, r.To)));
        NeverThrows(new ExportAlerts.Validator(clock), range.Select(r => new ExportAlerts.Query(r.Scope, null, r.From, r.To)));
        NeverThrows(new ExportGuarantees.Validator(clock), range.Select(r => new ExportGuarantees.Query(r.Scope, null, r.From, r.To)));
    }

    [Fact]
    public void Uploads_mappings_batches_and_short_forms_are_checked_without_an_exception()
    {
        NeverThrows(new UploadTransactionImport.Validator(), Gen.Select(Text, Gen.Byte.Array[0, 64].Null(0.2), Text, (name, content, source) =>
            new UploadTransactionImport.Command { FileName = name, Content = content, SourceSystem = source }));
        NeverThrows(new PreviewTransactionImport.MapValidator(), Text.Select(source => new PreviewTransactionImport.MapCommand { SourceSystem = source }));
        NeverThrows(new PostTransactions.Validator(), Gen.Select(Hostile.Text, Gen.Int[0, 1_100], (source, count) =>
            new PostTransactions.Command(source, Enumerable.Repeat(new TransactionInput(), count).ToList())));
        NeverThrows(new CommentOnAlert.Validator(), Text.Select(text => new CommentOnAlert.Command { Text = text }));
        NeverThrows(new RecordRecovery.Validator(), Gen.Select(Text, Text, (action, reaction) => new RecordRecovery.Command { Action = action, Reaction = reaction }));
        NeverThrows(new AnnotateGuarantee.Validator(), Gen.Select(Text, Day, (notes, day) => new AnnotateGuarantee.Command { Notes = notes, FollowUpOn = day }));
        NeverThrows(new CreateApiKey.Validator(), Gen.Select(Text, Text, (name, source) => new CreateApiKey.Command { Name = name, SourceSystem = source }));
    }

    private static void NeverThrows<T>(IValidator<T> validator, Gen<T> commands) =>
        Check.Sample(commands, command =>
        {
            var result = validator.Validate(command);
            Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.ErrorMessage)));
        }, iter: Hostile.Iterations(2_000), print: c => Shorten(c?.ToString() ?? "null"));

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + $"… ({text.Length} characters)";

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
