import {
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';

/**
 * Shopify's calculated query cost, as documented: scalars and enums cost 0, objects 1, a connection
 * 2 plus its page size times the cost of one node, a mutation field 10. The requested cost assumes
 * every page is full; the actual cost counts what was returned.
 */

interface CostContext {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  fragments: Map<string, SelectionSetNode & { typeCondition: string }>;
}

function argument(field: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const node = field.arguments?.find((entry) => entry.name.value === name);
  return node ? valueFromASTUntyped(node.value, variables) : undefined;
}

function pageSize(field: FieldNode, variables: Record<string, unknown>): number | null {
  const first = argument(field, 'first', variables);
  const last = argument(field, 'last', variables);
  if (typeof first === 'number') return first;
  if (typeof last === 'number') return last;
  // `nodes(ids: [...])` returns one object per id.
  const ids = argument(field, 'ids', variables);
  return Array.isArray(ids) ? ids.length : null;
}

function selectionCost(
  selectionSet: SelectionSetNode | undefined,
  parentType: GraphQLCompositeType,
  context: CostContext,
  data: unknown,
): number {
  if (!selectionSet) return 0;
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(selection, parentType, context, data);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeName = selection.typeCondition?.name.value;
      const type = typeName ? context.schema.getType(typeName) : parentType;
      if (type && isCompositeType(type)) {
        const matches =
          data === undefined ||
          typeName === undefined ||
          (data !== null && typeof data === 'object' && (data as { __typename?: string }).__typename === typeName) ||
          !isObjectType(type);
        if (matches) total += selectionCost(selection.selectionSet, type, context, data);
      }
    } else {
      const fragment = context.fragments.get(selection.name.value);
      const type = fragment ? context.schema.getType(fragment.typeCondition) : undefined;
      if (fragment && type && isCompositeType(type)) total += selectionCost(fragment, type, context, data);
    }
  }
  return total;
}

function fieldCost(field: FieldNode, parentType: GraphQLCompositeType, context: CostContext, data: unknown): number {
  if (field.name.value === '__typename' || isAbstractType(parentType)) {
    if (isAbstractType(parentType) && field.name.value !== '__typename') {
      const fieldDefinition = (
        parentType as { getFields?: () => Record<string, GraphQLField<unknown, unknown>> }
      ).getFields?.()[field.name.value];
      if (fieldDefinition) return definitionCost(field, fieldDefinition, context, data);
    }
    return 0;
  }
  const fields = (parentType as { getFields: () => Record<string, GraphQLField<unknown, unknown>> }).getFields();
  const definition = fields[field.name.value];
  if (!definition) return 0;
  return definitionCost(field, definition, context, data);
}

function definitionCost(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  context: CostContext,
  data: unknown,
): number {
  const named = getNamedType(definition.type);
  if (!isCompositeType(named)) return 0;
  const key = field.alias?.value ?? field.name.value;
  const value = data === undefined ? undefined : data === null ? null : (data as Record<string, unknown>)[key];
  if (value === null) return 0;
  const isConnection = named.name.endsWith('Connection');
  if (isConnection) {
    const size = pageSize(field, context.variables) ?? 250;
    const connection = value as { nodes?: unknown[]; edges?: { node: unknown }[] } | undefined;
    // One node's cost, selected through `nodes` or `edges.node`.
    const perNode = (node: unknown): number => {
      let cost = 0;
      const type = named as GraphQLCompositeType;
      for (const selection of field.selectionSet?.selections ?? []) {
        if (selection.kind !== Kind.FIELD) continue;
        if (selection.name.value === 'pageInfo') continue;
        const childDefinition = (
          type as { getFields: () => Record<string, GraphQLField<unknown, unknown>> }
        ).getFields()[selection.name.value];
        if (!childDefinition) continue;
        const childType = getNamedType(childDefinition.type);
        if (!isCompositeType(childType)) continue;
        if (selection.name.value === 'nodes')
          cost += 1 + selectionCost(selection.selectionSet, childType, context, node);
        else {
          const nodeSelection = selection.selectionSet?.selections.find(
            (entry): entry is FieldNode => entry.kind === Kind.FIELD && entry.name.value === 'node',
          );
          const nodeDefinition = (
            childType as { getFields: () => Record<string, GraphQLField<unknown, unknown>> }
          ).getFields().node;
          if (nodeSelection && nodeDefinition) {
            const nodeType = getNamedType(nodeDefinition.type);
            if (isCompositeType(nodeType))
              cost += 1 + selectionCost(nodeSelection.selectionSet, nodeType, context, node);
          }
        }
      }
      return cost;
    };
    if (connection === undefined) return 2 + size * perNode(undefined);
    const nodes = connection.nodes ?? connection.edges?.map((edge) => edge.node) ?? [];
    return 2 + nodes.reduce<number>((sum, node) => sum + perNode(node), 0);
  }
  const list = isListType(getNullableType(definition.type));
  if (list) {
    const size = pageSize(field, context.variables) ?? 1;
    if (Array.isArray(value)) {
      return value.reduce<number>((sum, item) => sum + 1 + selectionCost(field.selectionSet, named, context, item), 0);
    }
    return size * (1 + selectionCost(field.selectionSet, named, context, undefined));
  }
  return 1 + selectionCost(field.selectionSet, named, context, value);
}

function operationOf(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName ? operations.find((operation) => operation.name?.value === operationName) : operations[0];
}

/**
 * The cost of an operation: requested (before running, every page full) when `data` is left out,
 * actual (what was returned) when the result's `data` is given. Mutation fields cost 10 each.
 */
export function calculateQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  options: { variables?: Record<string, unknown>; operationName?: string | null; data?: unknown } = {},
): number {
  const operation = operationOf(document, options.operationName);
  if (!operation) return 0;
  const fragments = new Map<string, SelectionSetNode & { typeCondition: string }>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, {
        ...definition.selectionSet,
        typeCondition: definition.typeCondition.name.value,
      });
    }
  }
  const context: CostContext = { schema, variables: options.variables ?? {}, fragments };
  if (operation.operation === 'mutation') {
    return 10 * operation.selectionSet.selections.length;
  }
  const root = schema.getQueryType();
  if (!root) return 0;
  return selectionCost(operation.selectionSet, root, context, options.data);
}
