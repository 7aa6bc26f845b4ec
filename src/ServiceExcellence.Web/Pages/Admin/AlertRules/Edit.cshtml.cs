using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.AlertRules;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Web.Pages.Admin.AlertRules;

/// <summary>
/// Edits an alert rule, or adds one (no id in the route). The form shows only the fields of the rule's kind;
/// when adding, choosing another kind reloads the page with <c>?kind=</c>.
/// </summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public SaveAlertRule.Command Input { get; set; } = new();

    public bool IsNew => RouteData.Values["id"] is null;

    public AlertRuleKind Kind => Input.Kind ?? AlertRuleKind.OverallAtOrBelow;

    public async Task OnGetAsync(Guid? id, AlertRuleKind? kind, CancellationToken cancellationToken)
    {
        Input = id is { } existing
            ? await mediator.Send(new SaveAlertRule.Query(existing), cancellationToken)
            : SaveAlertRule.Command.New(kind is { } chosen && SaveAlertRule.CreatableKinds.Contains(chosen) ? chosen : AlertRuleKind.OverallAtOrBelow);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        await mediator.Send(Input with { Id = id }, cancellationToken);
        TempData["Notice"] = id is null ? $"Alert rule {Input.Name?.Trim()} added." : $"Alert rule {Input.Name?.Trim()} saved.";
        return RedirectToPage("Index");
    }
}
