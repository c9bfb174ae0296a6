"""Materials for production: bills of materials, their explosion and where-used, each part's material plan,
reserving, issuing and returning its material, posting its finished output at the issued cost, its cost sheet
and the shortage list of open parts.

    from erp_desktop.services import materials
    bom = materials.create_bom(db, actor, product_id=...)

Issued, returned and output material are stock documents for the part (stock_documents.part_id): the stock
journal is the one record, every quantity here is read from it. Change notifications: "boms" with BOM ids,
"parts" with part ids, and the stock topics of services/stock.
"""

from erp_desktop.services.materials.actions import (
    issue_to_part,
    post_output,
    reserve_plan,
    return_to_lot,
)
from erp_desktop.services.materials.boms import (
    activate_bom,
    create_bom,
    get_bom,
    list_boms,
    set_bom_lines,
    set_part_bom,
)
from erp_desktop.services.materials.explosion import explode_bom, where_used
from erp_desktop.services.materials.plan import (
    get_cost_sheet,
    get_material_plan,
    list_shortages,
    preview_release,
)

__all__ = [
    "activate_bom", "create_bom", "explode_bom", "get_bom", "get_cost_sheet", "get_material_plan", "issue_to_part",
    "list_boms", "list_shortages", "post_output", "preview_release", "reserve_plan", "return_to_lot",
    "set_bom_lines", "set_part_bom", "where_used",
]
