using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.AlertRules;

/// <summary>
/// Changes an alert rule, or adds one (<see cref="Command.Id"/> not set). The set of kinds is fixed and every
/// kind has a default rule; what an administrator may add are more rules of the kinds where a second one
/// makes sense: another overall or dimension threshold, another keyword list (say, for another language).
/// </summary>
public static partial class SaveAlertRule
{
    public const int NameLength = 100;
    public const int KeywordsLength = 1_000;
    public const int MaxAcknowledgeHours = 720;
    public const int MaxResolveHours = 2_160;

    /// <summary>The kinds a new rule may have; the others exist once, as seeded.</summary>
    public static readonly IReadOnlyList<AlertRuleKind> CreatableKinds =
        [AlertRuleKind.OverallAtOrBelow, AlertRuleKind.DimensionAtOrBelow, AlertRuleKind.CommentKeyword];

    /// <summary>What the threshold of a kind means, its range and its message; null for kinds without one.</summary>
    public sealed record ThresholdShape(string Label, string Unit, decimal Min, decimal Max, decimal Step, string Help, string Message);

    public static ThresholdShape? ThresholdOf(AlertRuleKind kind) => kind switch
    {
        AlertRuleKind.OverallAtOrBelow => new("Overall score at or below", "of 5", 1, 5, 1,
            "A rating whose overall score is this or lower raises an alert. 2 catches the poor and very poor scores.",
            "Enter a whole score from 1 to 5."),
        AlertRuleKind.DimensionAtOrBelow => new("Any dimension at or below", "of 5", 1, 5, 1,
            "A rating that scores any of the five dimensions this or lower raises an alert, whatever its overall score.",
            "Enter a whole score from 1 to 5."),
        AlertRuleKind.ClientAverageDrop => new("Drop of the client's average", "points", 0.1m, 4, 0.01m,
            "How far a client's average overall score in the window may fall below its average in the baseline before it raises an alert.",
            "Enter a drop from 0.1 to 4 points."),
        AlertRuleKind.TeamCsatBelowTarget => new("CSAT target", "%", 1, 100, 0.01m,
            "A team whose CSAT (the share of ratings of 4 and 5) in the window is below this target raises an alert.",
            "Enter a CSAT target from 1 to 100 %."),
        AlertRuleKind.ResponseRateCollapse => new("Drop of the response rate", "points", 1, 100, 0.01m,
            "How many percentage points a client's response rate in the window may fall below its rate in the baseline before it raises an alert.",
            "Enter a drop from 1 to 100 percentage points."),
        _ => null,
    };

    public static bool UsesKeywords(AlertRuleKind kind) => kind == AlertRuleKind.CommentKeyword;

    /// <summary>The keywords as stored: trimmed, empty ones dropped, separated by a comma and a space.</summary>
    public static string NormaliseKeywords(string? keywords) =>
        string.Join(", ", (keywords ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static bool UsesWindow(AlertRuleKind kind) => kind.IsTrend();

    /// <summary>A team's CSAT is compared with a fixed target, not with its own past, so it has no baseline.</summary>
    public static bool UsesBaseline(AlertRuleKind kind) => kind is AlertRuleKind.ClientAverageDrop or AlertRuleKind.ResponseRateCollapse;

    /// <summary>The form of an existing rule, with its concurrency version.</summary>
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid Id) : IQuery<Command>;

    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid? Id { get; init; }
        public Guid Version { get; init; }

        /// <summary>Chosen when a rule is added; an existing rule keeps its kind.</summary>
        public AlertRuleKind? Kind { get; init; }

        public string? Name { get; init; }
        public bool IsEnabled { get; init; } = true;
        public AlertSeverity Severity { get; init; } = AlertSeverity.High;
        public int AcknowledgeWithinHours { get; init; } = 4;
        public int ResolveWithinHours { get; init; } = 72;
        public decimal? Threshold { get; init; }
        public string? Keywords { get; init; }
        public string? Language { get; init; }
        public int WindowDays { get; init; } = 30;
        public int BaselineDays { get; init; } = 90;

        /// <summary>The form of a new rule of <paramref name="kind"/>, filled with sensible defaults.</summary>
        public static Command New(AlertRuleKind kind) => new()
        {
            Kind = kind,
            Severity = kind == AlertRuleKind.DimensionAtOrBelow ? AlertSeverity.Medium : AlertSeverity.High,
            AcknowledgeWithinHours = kind == AlertRuleKind.DimensionAtOrBelow ? 8 : 4,
            ResolveWithinHours = kind == AlertRuleKind.DimensionAtOrBelow ? 120 : 72,
            Threshold = kind == AlertRuleKind.CommentKeyword ? null : 2,
        };
    }

    public sealed partial class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind)
                .NotNull().WithMessage("Choose what the rule checks.")
                .IsInEnum().WithMessage("Choose what the rule checks.");
            RuleFor(c => c.Kind)
                .Must(kind => kind is { } k && CreatableKinds.Contains(k))
                .WithMessage("A new rule checks the overall score, a dimension or the comment; the other kinds exist once.")
                .When(c => c.Id is null && c.Kind is not null);
            RuleFor(c => c.Name)
                .NotEmpty().WithMessage("Enter the rule's name.")
                .MaximumLength(NameLength).WithMessage($"The name must be at most {NameLength} characters.");
            RuleFor(c => c.Severity).IsInEnum().WithMessage("Choose a severity.");
            RuleFor(c => c.AcknowledgeWithinHours)
                .InclusiveBetween(1, MaxAcknowledgeHours).WithMessage($"Enter from 1 to {MaxAcknowledgeHours} hours (30 days).");
            RuleFor(c => c.ResolveWithinHours)
                .Cascade(CascadeMode.Stop)
                .LessThanOrEqualTo(MaxResolveHours).WithMessage($"Enter at most {MaxResolveHours:N0} hours (90 days).")
                .GreaterThanOrEqualTo(c => Math.Max(c.AcknowledgeWithinHours, 1))
                .WithMessage(c => $"Resolve no sooner than acknowledge: enter at least {Math.Max(c.AcknowledgeWithinHours, 1)} hours.");

            RuleFor(c => c.Threshold)
                .Must((command, threshold) => InRange(ThresholdOf(command.Kind!.Value)!, threshold))
                .WithMessage(c => ThresholdOf(c.Kind!.Value)!.Message)
                .When(c => c.Kind is { } kind && ThresholdOf(kind) is not null);

            RuleFor(c => c.Keywords)
                .Cascade(CascadeMode.Stop)
                .Must(keywords => NormaliseKeywords(keywords).Length > 0)
                .WithMessage("Enter at least one keyword; separate keywords with commas.")
                .Must(keywords => NormaliseKeywords(keywords).Length <= KeywordsLength)
                .WithMessage($"The keywords must be at most {KeywordsLength:N0} characters.")
                .When(c => c.Kind is { } kind && UsesKeywords(kind));
            RuleFor(c => c.Language)
                .Must(language => string.IsNullOrWhiteSpace(language) || LanguageCode().IsMatch(language.Trim()))
                .WithMessage("Enter a language code of 2 or 3 letters, such as en, es or de, or leave it empty for every language.")
                .When(c => c.Kind is { } kind && UsesKeywords(kind));

            RuleFor(c => c.WindowDays)
                .InclusiveBetween(7, 180).WithMessage("Enter a window from 7 to 180 days.")
                .When(c => c.Kind is { } kind && UsesWindow(kind));
            RuleFor(c => c.BaselineDays)
                .Cascade(CascadeMode.Stop)
                .InclusiveBetween(14, 365).WithMessage("Enter a baseline from 14 to 365 days.")
                .GreaterThan(c => c.WindowDays).WithMessage(c => $"The baseline must be longer than the window ({c.WindowDays} days).")
                .When(c => c.Kind is { } kind && UsesBaseline(kind));
        }

        private static bool InRange(ThresholdShape shape, decimal? threshold) =>
            threshold is { } value && value >= shape.Min && value <= shape.Max && value % shape.Step == 0;

        [GeneratedRegex("^[A-Za-z]{2,3}$")]
        private static partial Regex LanguageCode();
    }

    public sealed class QueryHandler(IAppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.AlertRules.AsNoTracking()
                .Where(r => r.Id == query.Id)
                .Select(r => new Command
                {
                    Id = r.Id,
                    Version = r.Version,
                    Kind = r.Kind,
                    Name = r.Name,
                    IsEnabled = r.IsEnabled,
                    Severity = r.Severity,
                    AcknowledgeWithinHours = r.AcknowledgeWithinHours,
                    ResolveWithinHours = r.ResolveWithinHours,
                    Threshold = r.Threshold,
                    Keywords = r.Keywords,
                    Language = r.Language,
                    WindowDays = r.WindowDays,
                    BaselineDays = r.BaselineDays,
                })
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The alert rule");
    }

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var kind = command.Kind!.Value;
            AlertRule rule;
            if (command.Id is not { } id)
            {
                rule = new AlertRule(command.Name!, kind, command.Severity, command.AcknowledgeWithinHours, command.ResolveWithinHours);
                db.AlertRules.Add(rule);
            }
            else
            {
                rule = await db.AlertRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                    ?? throw new NotFoundException("The alert rule");
                if (rule.Kind != kind)
                {
                    throw new DomainException("A rule's kind cannot change; add a new rule of the other kind instead.");
                }

                db.AlertRules.Entry(rule).Property(r => r.Version).OriginalValue = command.Version;
            }

            // Fields that do not apply to the kind keep what they had, so a form that never showed them cannot blank them.
            rule.Update(
                command.Name!,
                command.IsEnabled,
                command.Severity,
                command.AcknowledgeWithinHours,
                command.ResolveWithinHours,
                ThresholdOf(kind) is null ? rule.Threshold : command.Threshold,
                UsesKeywords(kind) ? NormaliseKeywords(command.Keywords) : rule.Keywords,
                UsesKeywords(kind) ? command.Language : rule.Language,
                UsesWindow(kind) ? command.WindowDays : rule.WindowDays,
                UsesBaseline(kind) ? command.BaselineDays : rule.BaselineDays);
            return rule.Id;
        }
    }
}
