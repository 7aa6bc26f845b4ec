using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.FailureCategories;

namespace ServiceExcellence.Web.Pages.Admin.FailureCategories;

/// <summary>Adds a failure category (no id in the route) or edits one.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public SaveFailureCategory.Command Input { get; set; } = new();

    public bool IsNew => RouteData.Values["id"] is null;

    public async Task OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            Input = await mediator.Send(new SaveFailureCategory.Query(existing), cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        await mediator.Send(Input with { Id = id }, cancellationToken);
        TempData["Notice"] = id is null ? $"Failure category {Input.Name?.Trim()} added." : $"Failure category {Input.Name?.Trim()} saved.";
        return RedirectToPage("Index");
    }
}
