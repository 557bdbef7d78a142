package dev.qotd.k8s;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a fabric8 Kubernetes object that the API does not know: fabric8 keeps
 * whatever it cannot map in {@code additionalProperties}, at every level of the object.
 * Each is reported as a path such as {@code .spec.template.spec.containers[0].imagePullPolicyy}.
 */
final class UnknownFields {

	private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

	private final List<String> found = new ArrayList<>();

	private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());

	private UnknownFields() {
	}

	static List<String> in(Object object) {
		UnknownFields unknownFields = new UnknownFields();
		unknownFields.walk(object, "");
		return List.copyOf(unknownFields.found);
	}

	private void walk(Object value, String path) {
		if (value == null) {
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, entry) -> walk(entry, path + "." + key));
			return;
		}
		if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				walk(list.get(i), path + "[" + i + "]");
			}
			return;
		}
		if (!value.getClass().getName().startsWith(MODEL_PACKAGE) || !this.visited.add(value)) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			String property = propertyName(getter);
			if (property == null) {
				continue;
			}
			Object child = invoke(getter, value);
			if (property.equals("additionalProperties")) {
				if (child instanceof Map<?, ?> unknown) {
					unknown.keySet().forEach((key) -> this.found.add(path + "." + key));
				}
			}
			else {
				walk(child, path + "." + property);
			}
		}
	}

	private static String propertyName(Method method) {
		if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers()) || method.isDefault()
				|| !method.getDeclaringClass().getName().startsWith(MODEL_PACKAGE)) {
			return null;
		}
		String name = method.getName();
		if (name.startsWith("get") && name.length() > 3) {
			return Character.toLowerCase(name.charAt(3)) + name.substring(4);
		}
		return null;
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			// A derived value (such as a quantity's numerical amount), not a field.
			return null;
		}
	}

}
