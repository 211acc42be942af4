/** Parsing of `--resources` and `--attributes` text (proto/src/resource-text.ts), as tables. */
import { formatResources } from '@meseta/proto/resources';
import { attributeText, formatAttributes, parseAttributes, parseResources, ResourceTextError } from '@meseta/proto/resource-text';
import { ValueType } from '@meseta/proto/wire';

describe('parseResources', () => {
  it.each([
    ['scalars and a port range', 'cpus:4;mem:8192;ports:[31000-32000]', 'cpus:4;mem:8192;ports:[31000-32000]'],
    ['a reservation for a role', 'cpus:2;disk(ops):10', 'cpus:2;disk(ops):10'],
    ['several port ranges, coalesced', 'ports:[31000-31005,31006-31010,40000-40001]', 'ports:[31000-31010,40000-40001]'],
    ['a set', 'gpus:{b,a}', 'gpus:{a,b}'],
    ['fractions', 'cpus:0.5;mem:128.25', 'cpus:0.5;mem:128.25'],
    ['spaces around entries', '  cpus : 1 ; mem:2 ;', 'cpus:1;mem:2'],
    ['the explicit unreserved role', 'cpus(*):1', 'cpus:1'],
    ['nothing', '', ''],
    ['the JSON form', '[{"name":"cpus","type":"SCALAR","scalar":{"value":4}},{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":1,"end":5}]}}]', 'cpus:4;ports:[1-5]'],
    ['the JSON form with a role', '[{"name":"disk","scalar":{"value":10},"role":"ops"}]', 'disk(ops):10'],
    ['the JSON form with a reservation stack', '[{"name":"disk","scalar":{"value":10},"reservations":[{"role":"ops"}]}]', 'disk(ops):10'],
    ['the JSON form with a set', '[{"name":"gpus","type":"set","set":{"item":["x"]}}]', 'gpus:{x}'],
  ])('parses %s', (_case, input, expected) => {
    expect(formatResources(parseResources(input))).toBe(expected);
  });

  it('gives the scalar, ranges and set types', () => {
    expect(parseResources('cpus:1;ports:[1-2];gpus:{a}').map((r) => r.type)).toEqual([ValueType.SCALAR, ValueType.RANGES, ValueType.SET]);
  });

  it('reserves entries without a role for the default role', () => {
    expect(formatResources(parseResources('cpus:1;mem(*):5;disk(ops):3', 'dev'))).toBe('cpus(dev):1;mem:5;disk(ops):3');
  });

  it.each([
    ['a value that is not a number', 'cpus:1;mem:lots', 'mem:lots', '"lots" is not a non-negative number'],
    ['a negative value', 'cpus:-1', 'cpus:-1', '"-1" is not a non-negative number'],
    ['an infinite value', 'cpus:1e400', 'cpus:1e400', '"1e400" is not a finite number'],
    ['a range that ends before it begins', 'ports:[5-1]', 'ports:[5-1]', 'range "5-1" ends before it begins'],
    ['a range that is not BEGIN-END', 'ports:[5]', 'ports:[5]', 'range "5" must look like BEGIN-END'],
    ['an unclosed range', 'ports:[1-5', 'ports:[1-5', 'ranges must end with "]"'],
    ['an unclosed set', 'gpus:{a', 'gpus:{a', 'set must end with "}"'],
    ['an empty set item', 'gpus:{a,}', 'gpus:{a,}', 'set has an empty item'],
    ['a name without a value', 'cpus', 'cpus', 'expected NAME:VALUE'],
    ['an empty value', 'cpus:', 'cpus:', 'value is empty'],
    ['a bad name', '9cpus:1', '9cpus:1', '"9cpus" is not a valid resource name'],
    ['an empty role', 'cpus():1', 'cpus():1', '"" is not a valid role'],
    ['a duplicate name', 'cpus:1;mem:2;cpus:3', 'cpus:3', '"cpus(*)" is given twice'],
    ['a duplicate reservation', 'disk(ops):1;disk(ops):2', 'disk(ops):2', '"disk(ops)" is given twice'],
    ['JSON that does not parse', '[{"name": cpus}]', '[{"name": cpus}]', 'not valid JSON'],
    ['a JSON scalar without a value', '[{"name":"cpus","scalar":{}}]', '[0]', 'scalar.value must be a non-negative number'],
    ['a JSON entry without a name', '[{"type":"SCALAR"},{"name":"x","scalar":{"value":1}}]', '[0]', 'name must be a resource name'],
    ['a JSON range that ends before it begins', '[{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":5,"end":1}]}}]', '[0]', 'range {"begin":5,"end":1} must have numbers with begin <= end'],
    ['a JSON range without numbers', '[{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":"a"}]}}]', '[0]', 'must have numbers with begin <= end'],
    ['a JSON entry of an unknown type', '[{"name":"cpus","type":"TEXT"}]', '[0]', 'type "TEXT" must be SCALAR, RANGES or SET'],
  ])('rejects %s, naming the entry and the problem', (_case, input, entry, problem) => {
    let error: unknown;
    try {
      parseResources(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ResourceTextError);
    const { entry: named, message } = error as ResourceTextError;
    expect(named).toBe(entry);
    expect(message).toContain(`invalid entry "${entry}"`);
    expect(message).toContain(problem);
  });
});

describe('parseAttributes', () => {
  it.each([
    ['text and a number', 'rack:a;zone:1', [['rack', ValueType.TEXT, 'a'], ['zone', ValueType.SCALAR, '1']]],
    ['a range and a set', 'slots:[1-4];tags:{ssd,gpu}', [['slots', ValueType.RANGES, '[1-4]'], ['tags', ValueType.SET, '{ssd,gpu}']]],
    ['a value holding a colon', 'url:http://127.0.0.1:8080', [['url', ValueType.TEXT, 'http://127.0.0.1:8080']]],
    ['a decimal and a negative number', 'weight:0.5;offset:-3', [['weight', ValueType.SCALAR, '0.5'], ['offset', ValueType.SCALAR, '-3']]],
    ['nothing', '', []],
  ])('parses %s', (_case, input, expected) => {
    expect(parseAttributes(input).map((a) => [a.name, a.type, attributeText(a)])).toEqual(expected);
  });

  it('formats attributes back to text', () => {
    expect(formatAttributes(parseAttributes('rack:a;zone:1;slots:[1-4]'))).toBe('rack:a;zone:1;slots:[1-4]');
  });

  it.each([
    ['a duplicate name', 'rack:a;rack:b', 'rack:b', '"rack" is given twice'],
    ['a name without a value', 'rack', 'rack', 'expected NAME:VALUE'],
    ['an empty value', 'rack:', 'rack:', 'value is empty'],
    ['a bad name', 'my rack:a', 'my rack:a', '"my rack" is not a valid attribute name'],
    ['a bad range', 'slots:[4-1]', 'slots:[4-1]', 'range "4-1" ends before it begins'],
  ])('rejects %s, naming the entry and the problem', (_case, input, entry, problem) => {
    expect(() => parseAttributes(input)).toThrow(new ResourceTextError(entry, problem));
  });
});
